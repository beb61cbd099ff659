--[[
  dlq-mark-replayed: records a replay of an entry that was just put back on its queue (JobStore.replay):
  replayCount + 1, isReplayed, lastReplayedAt, history, replay indexes. Runs under the entry's replay lock; the
  limit is checked again here so that no path can count past it.
  KEYS: 1 idx:replays, 2 entry hash
  ARGV: 1 root, 2 channel, 3 id, 4 max replays, 5 actor
  Returns the new replayCount, or 'missing' / 'limit'.
]]
--!include clock
--!include events
--!include dlq-keys

local id, maxReplays, actor = ARGV[3], tonumber(ARGV[4]), ARGV[5]
local f = redis.call('HMGET', KEYS[2], 'originalQueue', 'replayCount', 'history', 'originalJobName')
if not f[1] then
  return 'missing'
end
local count = tonumber(f[2]) or 0
if count >= maxReplays then
  return 'limit'
end
count = count + 1
local now = nowMs()
local history = {}
if f[3] and f[3] ~= '' then
  history = cjson.decode(f[3])
end
history[#history + 1] = {event = 'replayed', at = now, actor = actor, replayCount = count}
while #history > 20 do
  table.remove(history, 1)
end
redis.call('HSET', KEYS[2], 'replayCount', count, 'isReplayed', 1, 'lastReplayedAt', now,
  'history', cjson.encode(history))
redis.call('ZADD', KEYS[1], count, id)
redis.call('ZADD', dlqKey('idx:replays:' .. f[1]), count, id)
emit({type = 'replayed', id = id, originalQueue = f[1], jobName = f[4], replayCount = count, actor = actor, ts = now})
publishEvents(ARGV[2], 'dlq')
return count
