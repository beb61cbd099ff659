--[[
  dlq-clear-batch: one batch of a background clear task (dlq-task-start). The caller picks the index that is exactly
  the filter (idx:all, idx:queue:<q>, idx:replays or idx:replays:<q>) and the lowest score to take (a
  minReplayCount on the replay indexes, -inf otherwise); every id taken matches, so batches never skip and the loop
  ends. Each removed entry leaves a tombstone, as with dlq-delete. The task's progress (removed) and heartbeat
  change in the same call, so what GET shows is exactly what was removed.
  KEYS: 1 source index, 2 task hash, 3 running tasks
  ARGV: 1 root, 2 channel, 3 min score, 4 batch size (at most 200), 5 actor, 6 task id
  Returns the number of entries removed, or -1 when the task is no longer running (it was declared interrupted
  after a stall): the caller stops.
]]
--!include clock
--!include events
--!include dlq-keys
--!include dlq-batch
--!include dlq-remove
--!include dlq-tombstones

if redis.call('HGET', KEYS[2], 'state') ~= 'running' then
  return -1
end
local now = nowMs()
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[3], '+inf', 'LIMIT', 0, tonumber(ARGV[4]))
local gone, removed = dlqRemoveMany(ids)
dlqBury(gone, removed, now)
redis.call('HINCRBY', KEYS[2], 'removed', #ids)
redis.call('HSET', KEYS[2], 'updatedAt', now)
redis.call('ZADD', KEYS[3], now, ARGV[6])
if #ids > 0 then
  emit({type = 'cleared', count = #ids, actor = ARGV[5], ts = now})
  publishEvents(ARGV[2], 'dlq')
end
return #ids
