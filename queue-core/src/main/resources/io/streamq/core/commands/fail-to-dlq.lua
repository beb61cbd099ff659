--[[
  fail-to-dlq: an active job that failed for good becomes failed and is handed to the DLQ through the
  queue's dead stream (same hash slot; dlq-service moves it on, idempotently by queue and job id).
  KEYS: 1 stream, 2 counts, 3 failed index, 4 dead stream, 5 failure counts, 6 failure last-seen,
        7 processing times, 8 prioritized stream, 9 failure jobs, 10 failure counted-since
  ARGV: 1 group, 2 consumer, 3 jobPrefix, 4 queue, 5 channel, 6 minutePrefix, 7 keep count, 8 keep age ms,
        9 entryId, 10 jobId, 11 durationMs, 12 error code, 13 error name, 14 error message, 15 error stack,
        16 finished channel
  Publishes: job events: 'failed' (with dlq: true); the DLQ record on the dead stream; the finished message
             when the job is watched
  Returns the dead-stream entry id, or 0 when this consumer no longer holds the job through this entry.
]]
--!include clock
--!include events
--!include job-finished
--!include lease
--!include minute-counters
--!include removal-policy
--!include failure-reasons
--!include failed-attempt

local group, consumer, jobPrefix, queue = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local channel, minutePrefix = ARGV[5], ARGV[6]
local keepCount, keepAgeMs = tonumber(ARGV[7]), tonumber(ARGV[8])
local entryId, jobId, durationMs = ARGV[9], ARGV[10], tonumber(ARGV[11])
local code, name, message, stack = ARGV[12], ARGV[13], ARGV[14], ARGV[15]
local jobKey = jobPrefix .. jobId
if not holdsLease(jobKey, consumer, entryId) then
  return 0
end

local now = nowMs()
local keys = {stream = KEYS[1], prioritizedStream = KEYS[8]}
local failureKeys = {counts = KEYS[5], jobs = KEYS[9], seen = KEYS[6], since = KEYS[10]}
recordFailedAttempt(keys, group, entryId, jobKey, KEYS[2], KEYS[7], failureKeys, minutePrefix, now, durationMs,
  code, name, message, stack)
-- deadLettered: if a replay or an owner's retry later succeeds, complete tells the DLQ (see complete.lua).
redis.call('HSET', jobKey, 'state', 'failed', 'finishedAt', now, 'deadLettered', 1)
local job = redis.call('HMGET', jobKey, 'name', 'attempts', 'firstFailedAt', 'tenant', 'workspace', 'actor',
  'replayCount', 'watched')
local payload = redis.call('GET', payloadKey(jobKey)) or ''
local deadId = redis.call('XADD', KEYS[4], '*',
  'type', 'dlq.record-failure',
  'originalQueue', queue, 'originalJobId', jobId, 'originalJobName', job[1],
  'errorName', name, 'errorMessage', message, 'errorStack', stack, 'errorCode', code,
  'firstFailedAt', job[3], 'lastFailedAt', now, 'attemptsMade', job[2], 'payload', payload,
  'tenantId', job[4] or '', 'workspaceId', job[5] or '', 'actorId', job[6] or '',
  'replayCount', job[7] or '0')
redis.call('ZADD', KEYS[3], now, jobId)
redis.call('HINCRBY', KEYS[2], 'total:failed', 1)
bumpMinute(minutePrefix, now, 'failed', 1)
applyRemovalPolicy(KEYS[3], jobPrefix, keepCount, keepAgeMs, now)
emit({jobId = jobId, name = job[1], state = 'failed', attempt = tonumber(job[2]), ts = now,
  durationMs = durationMs, errorCode = code, errorMessage = utf8Prefix(message, 500), dlq = true})
publishEvents(channel, queue)
if job[8] then
  noteFinished(jobId, 'failed')
  publishFinished(ARGV[16], queue)
end
return deadId
