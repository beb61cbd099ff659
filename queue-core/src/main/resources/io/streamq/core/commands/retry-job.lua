--[[
  retry-job: an owner sends a failed job back to waiting (at its priority) under its own id with a fresh attempt
  budget. Only from failed: a live job (waiting, delayed, active) is already on its way and a completed one succeeded,
  so both are refused with their state. The error fields stay on the job as its history; `requeuedAt` marks when it
  became waiting again. The job's DLQ record, if dlq-service holds one, is left alone; a later replay of it is refused
  by replay.lua while the job is live, and after it succeeded (complete.lua tells the DLQ).
  KEYS: 1 stream, 2 counts, 3 failed index, 4 prioritized, 5 wake stream
  ARGV: 1 jobPrefix, 2 queue, 3 channel, 4 jobId, 5 maxAttempts, 6 actor
  Publishes: job events: 'waiting' (with the actor) when it retried the job
  Returns {'retried'}; {'not-found'}; or {'refused', state}.
]]
--!include clock
--!include events
--!include waiting-entry

local jobPrefix, queue, channel, jobId, maxAttempts, actor = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local jobKey = jobPrefix .. jobId
local job = redis.call('HMGET', jobKey, 'state', 'name')
if not job[1] then
  return {'not-found'}
end
if job[1] ~= 'failed' then
  return {'refused', job[1]}
end

local now = nowMs()
redis.call('HDEL', jobKey, 'finishedAt', 'worker', 'dueAt')
redis.call('HSET', jobKey, 'attempts', 0, 'maxAttempts', maxAttempts, 'requeuedAt', now, 'retriedBy', actor)
redis.call('HINCRBY', jobKey, 'manualRetries', 1)
redis.call('ZREM', KEYS[3], jobId)
addWaitingEntry({stream = KEYS[1], prioritized = KEYS[4], counts = KEYS[2], wake = KEYS[5]}, jobKey, jobId)
redis.call('HINCRBY', KEYS[2], 'waiting', 1)
emit({jobId = jobId, name = job[2], state = 'waiting', attempt = 0, ts = now, actor = actor})
publishEvents(channel, queue)
return {'retried'}
