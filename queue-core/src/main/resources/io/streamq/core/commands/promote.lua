--[[
  promote: delayed jobs that are due (scheduled, or done backing off) become waiting, each at its own priority.
  KEYS: 1 delayed, 2 stream, 3 counts, 4 prioritized, 5 wake stream
  ARGV: 1 jobPrefix, 2 queue, 3 channel, 4 max jobs
  Publishes: job events: 'waiting' per job promoted
  Returns {promoted, ms until the next delayed job is due or -1}.
]]
--!include clock
--!include events
--!include waiting-entry
--!include slices

local jobPrefix, queue, channel, limit = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local now = nowMs()
local keys = {stream = KEYS[2], prioritized = KEYS[4], counts = KEYS[3], wake = KEYS[5]}
-- LIMIT 0 -1 (or any negative count) would mean "all": a limit below 1 promotes nothing.
local due = {}
if limit >= 1 then
  due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, limit)
end
local promoted = 0
for _, jobId in ipairs(due) do
  local jobKey = jobPrefix .. jobId
  -- Only a delayed job is due: an id left in the index for a job that was removed or made live another way is
  -- dropped uncounted (promoting it would hand it over twice).
  if redis.call('HGET', jobKey, 'state') == 'delayed' then
    addWaitingEntry(keys, jobKey, jobId)
    promoted = promoted + 1
    emit({jobId = jobId, state = 'waiting', ts = now})
  end
end
callSliced('ZREM', KEYS[1], due)
if promoted > 0 then
  redis.call('HINCRBY', KEYS[3], 'waiting', promoted)
end
publishEvents(channel, queue)

local nextDue = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if nextDue[2] then
  return {promoted, math.max(0, tonumber(nextDue[2]) - now)}
end
return {promoted, -1}
