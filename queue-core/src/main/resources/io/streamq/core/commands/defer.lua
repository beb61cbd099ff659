--[[
  defer: an active job that this worker cannot run (no handler for its type here, e.g. during a rolling
  deploy) goes back to delayed without spending an attempt, so a worker that can run it picks it up later.
  KEYS: 1 stream, 2 counts, 3 delayed, 4 prioritized stream
  ARGV: 1 group, 2 consumer, 3 jobPrefix, 4 queue, 5 channel, 6 entryId, 7 jobId, 8 delay ms, 9 reason
  Publishes: job events: 'delayed'
  Returns 1, or 0 when this consumer no longer holds the job through this entry.
]]
--!include clock
--!include events
--!include lease

local group, consumer, jobPrefix, queue = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local channel, entryId, jobId, delayMs, reason = ARGV[5], ARGV[6], ARGV[7], tonumber(ARGV[8]), ARGV[9]
local jobKey = jobPrefix .. jobId
if not holdsLease(jobKey, consumer, entryId) then
  return 0
end
local now = nowMs()
settleLease({stream = KEYS[1], prioritizedStream = KEYS[4]}, group, entryId)
redis.call('HINCRBY', jobKey, 'attempts', -1)
redis.call('HSET', jobKey, 'state', 'delayed', 'dueAt', now + delayMs, 'deferredReason', reason)
redis.call('ZADD', KEYS[3], now + delayMs, jobId)
redis.call('HINCRBY', KEYS[2], 'active', -1)
emit({jobId = jobId, state = 'delayed', ts = now, dueAt = now + delayMs, errorCode = reason})
publishEvents(channel, queue)
return 1
