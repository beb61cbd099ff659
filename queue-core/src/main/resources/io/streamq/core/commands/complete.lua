--[[
  complete: active jobs become completed, a batch per call. A job that was dead-lettered before (and came back
  through a replay or an owner's retry) also leaves a `dlq.job-succeeded` record on the queue's dead stream, so the
  DLQ learns that its entry succeeded and refuses to replay it again (hand-off as in fail-to-dlq), and its id goes to
  the queue's succeeded-after-DLQ index, which replay.lua consults once the removal policy has deleted the job.
  KEYS: 1 stream, 2 counts, 3 completed index, 4 processing times, 5 dead stream, 6 succeeded-after-DLQ index,
        7 prioritized stream
  ARGV: 1 group, 2 consumer, 3 jobPrefix, 4 queue, 5 channel, 6 minutePrefix, 7 keep count (-1 = all),
        8 keep age ms (0 = forever), 9 job count, 10 finished channel, then per job: entryId, jobId, durationMs,
        result
  Publishes: job events: 'completed' per job recorded; for a job dead-lettered before, a dlq.job-succeeded
             record on the dead stream; the finished message for watched jobs
  Returns per job 1 (recorded) or 0 (stale: this consumer no longer holds the job through this entry).
]]
--!include clock
--!include events
--!include job-finished
--!include lease
--!include minute-counters
--!include removal-policy
--!include slices

local group, consumer, jobPrefix, queue = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local channel, minutePrefix = ARGV[5], ARGV[6]
local keepCount, keepAgeMs, count = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local finishedChannel = ARGV[10]
local SUCCEEDED_KEPT = 100000
local keys = {stream = KEYS[1], prioritizedStream = KEYS[7]}
local now = nowMs()
local out, times = {}, {}
local done, totalMs, succeededAfterDlq = 0, 0, 0

for i = 0, count - 1 do
  local b = 11 + i * 4
  local entryId, jobId, durationMs, result = ARGV[b], ARGV[b + 1], tonumber(ARGV[b + 2]), ARGV[b + 3]
  local jobKey = jobPrefix .. jobId
  if holdsLease(jobKey, consumer, entryId) then
    settleLease(keys, group, entryId)
    redis.call('HSET', jobKey, 'state', 'completed', 'finishedAt', now, 'durationMs', durationMs,
      'result', result)
    redis.call('ZADD', KEYS[3], now, jobId)
    times[#times + 1] = durationMs
    done = done + 1
    totalMs = totalMs + durationMs
    local job = redis.call('HMGET', jobKey, 'attempts', 'deadLettered', 'name', 'watched')
    if job[2] then
      succeededAfterDlq = succeededAfterDlq + 1
      redis.call('ZADD', KEYS[6], now, jobId)
      redis.call('XADD', KEYS[5], '*', 'type', 'dlq.job-succeeded', 'originalQueue', queue, 'originalJobId', jobId,
        'originalJobName', job[3] or '', 'finishedAt', now, 'attemptsMade', job[1])
    end
    if job[4] then
      noteFinished(jobId, 'completed')
    end
    emit({jobId = jobId, state = 'completed', attempt = tonumber(job[1]), ts = now, durationMs = durationMs})
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end

if done > 0 then
  redis.call('HINCRBY', KEYS[2], 'active', -done)
  redis.call('HINCRBY', KEYS[2], 'total:completed', done)
  callSliced('LPUSH', KEYS[4], times)
  redis.call('LTRIM', KEYS[4], 0, 999)
  bumpMinute(minutePrefix, now, 'completed', done)
  bumpMinute(minutePrefix, now, 'processingMs', totalMs)
  applyRemovalPolicy(KEYS[3], jobPrefix, keepCount, keepAgeMs, now)
end
if succeededAfterDlq > 0 then
  -- Bounded like any index: the newest SUCCEEDED_KEPT ids (far more than a DLQ replays in a retention period).
  redis.call('ZREMRANGEBYRANK', KEYS[6], 0, -(SUCCEEDED_KEPT + 1))
end
publishEvents(channel, queue)
publishFinished(finishedChannel, queue)
return out
