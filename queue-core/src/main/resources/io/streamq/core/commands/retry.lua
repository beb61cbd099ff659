--[[
  retry: an active job whose attempt failed waits out its backoff as delayed, or, with no backoff, goes straight
  back to waiting (through the delayed set it would only wait for the promote loop's next turn).
  KEYS: 1 stream, 2 counts, 3 delayed, 4 failure counts, 5 failure last-seen, 6 processing times,
        7 prioritized stream, 8 failure jobs, 9 failure counted-since, 10 prioritized, 11 wake stream
  ARGV: 1 group, 2 consumer, 3 jobPrefix, 4 queue, 5 channel, 6 minutePrefix, 7 entryId, 8 jobId,
        9 backoff ms, 10 durationMs, 11 error code, 12 error name, 13 error message, 14 error stack
  Publishes: job events: 'delayed' (with dueAt), or 'waiting' with no backoff; both carry the attempt and its error
  Returns 1, or 0 when this consumer no longer holds the job through this entry.
]]
--!include clock
--!include events
--!include lease
--!include minute-counters
--!include failure-reasons
--!include failed-attempt
--!include waiting-entry

local group, consumer, jobPrefix, queue = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local channel, minutePrefix, entryId, jobId = ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local backoffMs, durationMs = tonumber(ARGV[9]), tonumber(ARGV[10])
local code, name, message, stack = ARGV[11], ARGV[12], ARGV[13], ARGV[14]
local jobKey = jobPrefix .. jobId
if not holdsLease(jobKey, consumer, entryId) then
  return 0
end

local now = nowMs()
local keys = {stream = KEYS[1], prioritizedStream = KEYS[7], counts = KEYS[2], prioritized = KEYS[10],
  wake = KEYS[11]}
local failureKeys = {counts = KEYS[4], jobs = KEYS[8], seen = KEYS[5], since = KEYS[9]}
recordFailedAttempt(keys, group, entryId, jobKey, KEYS[2], KEYS[6], failureKeys, minutePrefix, now, durationMs,
  code, name, message, stack)
local event = {jobId = jobId, attempt = tonumber(redis.call('HGET', jobKey, 'attempts')), ts = now,
  durationMs = durationMs, errorCode = code, errorMessage = utf8Prefix(message, 500)}
if backoffMs > 0 then
  event.state, event.dueAt = 'delayed', now + backoffMs
  redis.call('HSET', jobKey, 'state', 'delayed', 'dueAt', event.dueAt)
  redis.call('ZADD', KEYS[3], event.dueAt, jobId)
else
  event.state = 'waiting'
  addWaitingEntry(keys, jobKey, jobId)
  redis.call('HINCRBY', KEYS[2], 'waiting', 1)
end
redis.call('HINCRBY', KEYS[2], 'total:retried', 1)
emit(event)
publishEvents(channel, queue)
return 1
