--[[
  replay: a job that failed for good goes back to waiting on its own queue under its own id, with a fresh
  attempt budget, so if it fails again the DLQ sees the same job (and keeps its replay history). It keeps the
  priority the failed job had while its hash is kept; once retention removed it, the replay runs at the default 5.
  Only a failed job (or one whose record retention already removed) is replayed: a job that is waiting, delayed or
  active again is already on its way (a repeated hand-off from the DLQ enqueues it once), and a completed one
  succeeded: running it again would repeat its effects, also after the removal policy deleted it (the
  succeeded-after-DLQ index remembers it). A replay numbered no higher than one the job already ran is refused
  ('behind'): the DLQ entry has not yet heard of that replay (its mark was lost, and the job's failure since is still
  on its way), and running it would go past the DLQ's replay limit. A cancelled job is refused ('cancelled'): a
  producer or an owner stopped it after the failure the DLQ entry records, and cancelled is final.
  KEYS: 1 stream, 2 counts, 3 failed index, 4 completed index, 5 delayed index, 6 succeeded-after-DLQ index,
        7 prioritized, 8 wake stream
  ARGV: 1 jobPrefix, 2 queue, 3 channel, 4 jobId, 5 name, 6 payload, 7 maxAttempts, 8 tenant, 9 workspace,
        10 actor (who replayed), 11 replayCount (after this replay)
  Publishes: job events: 'waiting' (with the actor) when it replayed the job
  Returns 'replayed', 'live', 'succeeded', 'cancelled' or 'behind'.
]]
--!include clock
--!include events
--!include job-payload
--!include waiting-entry
--!include failure-reasons

local jobPrefix, queue, channel, jobId = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local jobKey = jobPrefix .. jobId
local job = redis.call('HMGET', jobKey, 'state', 'replayCount', 'priority')
local state = job[1]
if state == 'waiting' or state == 'delayed' or state == 'active' then
  return 'live'
end
if state == 'completed' or redis.call('ZSCORE', KEYS[6], jobId) then
  return 'succeeded'
end
if state == 'cancelled' then
  return 'cancelled'
end
if tonumber(job[2] or '0') >= tonumber(ARGV[11]) then
  return 'behind'
end

local now = nowMs()
-- The old hash (if retention kept it) describes the failed run; the replay starts clean. No index may keep the id:
-- a removal policy trimming it later would delete the live job. Only the failure markers stay: the same job failing
-- again with a reason it had is one more attempt of that reason, not one more job.
local markers = failureMarkers(jobKey)
deleteJob(jobKey)
redis.call('ZREM', KEYS[3], jobId)
redis.call('ZREM', KEYS[4], jobId)
redis.call('ZREM', KEYS[5], jobId)
redis.call('SET', payloadKey(jobKey), ARGV[6])
redis.call('HSET', jobKey, 'name', ARGV[5], 'attempts', 0, 'maxAttempts', ARGV[7],
  'createdAt', now, 'tenant', ARGV[8], 'workspace', ARGV[9], 'actor', ARGV[10], 'replayCount', ARGV[11],
  'deadLettered', 1)
if job[3] then
  redis.call('HSET', jobKey, 'priority', job[3])
end
if #markers > 0 then
  redis.call('HSET', jobKey, unpack(markers))
end
addWaitingEntry({stream = KEYS[1], prioritized = KEYS[7], counts = KEYS[2], wake = KEYS[8]}, jobKey, jobId)
redis.call('HINCRBY', KEYS[2], 'waiting', 1)
emit({jobId = jobId, name = ARGV[5], state = 'waiting', attempt = 0, ts = now, actor = ARGV[10]})
publishEvents(channel, queue)
return 'replayed'
