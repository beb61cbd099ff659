--[[
  dlq-clear-batch: one step of a background clear task (dlq-task-start). The task holds the index that is exactly
  the filter (idx:all, idx:queue:<q>, idx:replays or idx:replays:<q>), the score range it walks ([minScore,
  maxScore]) and its cutoff: the Redis time at which the owner was shown how many entries the clear would remove.
  Only entries whose lastFailedAt is at most the cutoff go; one that arrived or failed again after it stays, however
  the index changes meanwhile. On the time indexes the score is lastFailedAt and maxScore is the cutoff; on the
  replay indexes the cutoff is checked on each entry as it is removed (dlqRemoveMany).
  A step looks at up to `batch` members in ascending order from just after the task's cursor (the last member the
  step before looked at, found again even if it was deleted or re-scored since: includes/dlq-seek.lua), removes the
  ones that qualify (each leaves a tombstone, as with dlq-delete) and moves the cursor. Scores only grow, so no
  member moves behind the cursor unseen. Progress (removed), cursor and heartbeat change in the same call, so what
  GET shows is exactly what was removed. The task has reached the end of its range when a step looks at fewer than
  `batch` members: it ends there, not at a count taken when it started, so entries others removed meanwhile are
  not made up for with newer ones, and two clears of one filter remove each entry once.
  KEYS: 1 source index, 2 task hash, 3 running tasks
  ARGV: 1 root, 2 channel, 3 batch size (at most 100), 4 actor, 5 task id
  Publishes: DLQ events: 'cleared' (with the count) when the call removed entries
  Returns {removed, looked at}, or nil when the task is no longer running (it was declared interrupted after a
  stall): the caller stops.
]]
--!include clock
--!include events
--!include dlq-keys
--!include dlq-batch
--!include dlq-remove
--!include dlq-tombstones
--!include dlq-seek

local index = KEYS[1]
local task = redis.call('HMGET', KEYS[2], 'state', 'minScore', 'maxScore', 'cutoff', 'cursorScore', 'cursorMember')
if task[1] ~= 'running' then
  return false
end
local minScore, maxScore, cutoff = task[2], task[3], tonumber(task[4])
local start = minScore == '-inf' and 0 or redis.call('ZCOUNT', index, '-inf', '(' .. minScore)
if task[6] then
  local below, present = dlqRankOf(index, task[5], task[6])
  start = math.max(start, present and below + 1 or below)
end
local ceiling = maxScore ~= '+inf' and tonumber(maxScore) or nil
local items = redis.call('ZRANGE', index, start, start + tonumber(ARGV[3]) - 1, 'WITHSCORES')
local ids = {}
for i = 1, #items, 2 do
  if ceiling and tonumber(items[i + 1]) > ceiling then
    break
  end
  ids[#ids + 1] = items[i]
end
local looked = #ids

local now = nowMs()
local gone, removed = dlqRemoveMany(ids, cutoff)
dlqBury(gone, removed, now)
if looked > 0 then
  redis.call('HSET', KEYS[2], 'cursorScore', items[looked * 2], 'cursorMember', items[looked * 2 - 1])
end
redis.call('HINCRBY', KEYS[2], 'removed', #gone)
redis.call('HSET', KEYS[2], 'updatedAt', now)
redis.call('ZADD', KEYS[3], now, ARGV[5])
if #gone > 0 then
  emit({type = 'cleared', count = #gone, actor = ARGV[4], ts = now})
  publishEvents(ARGV[2], 'dlq')
end
return {#gone, looked}
