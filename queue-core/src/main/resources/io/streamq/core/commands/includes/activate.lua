--!include job-payload
-- What a caller checks before a hand-over (`state`, `entry`) and what handOver needs, read in one HMGET: claiming
-- is the hottest path, and each command a job costs there is Redis CPU at full load.
local function readForHandOver(jobKey)
  return redis.call('HMGET', jobKey, 'state', 'entry', 'name', 'maxAttempts', 'createdAt', 'tenant', 'workspace',
    'actor', 'attempts')
end

-- Hands one job to a consumer: counts the attempt, records the lease (consumer and entry), appends the row the
-- worker needs to run it to `out` and emits `eventState`. The caller has checked, on `job` (readForHandOver, read in
-- this script call), that the job may be handed over.
local function handOver(out, jobKey, jobId, entryId, consumer, now, eventState, job)
  local attempt = tonumber(job[9] or '0') + 1
  redis.call('HSET', jobKey, 'state', 'active', 'startedAt', now, 'worker', consumer, 'entry', entryId,
    'attempts', attempt)
  local row = {entryId, jobId, job[3] or '', redis.call('GET', payloadKey(jobKey)) or '', attempt, job[4], job[5],
    now, job[6] or '', job[7] or '', job[8] or ''}
  for _, v in ipairs(row) do
    out[#out + 1] = v
  end
  emit({jobId = jobId, name = job[3], state = eventState, attempt = attempt, ts = now})
end
