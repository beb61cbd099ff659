--!include job-payload
-- Hands one job to a consumer: counts the attempt, records the lease (consumer and entry), appends the row the
-- worker needs to run it to `out` and emits `eventState`. The caller has checked that the job may be handed over.
local function handOver(out, jobKey, jobId, entryId, consumer, now, eventState)
  local job = redis.call('HMGET', jobKey, 'name', 'maxAttempts', 'createdAt', 'tenant', 'workspace', 'actor')
  local attempt = redis.call('HINCRBY', jobKey, 'attempts', 1)
  redis.call('HSET', jobKey, 'state', 'active', 'startedAt', now, 'worker', consumer, 'entry', entryId)
  local row = {entryId, jobId, job[1] or '', redis.call('GET', payloadKey(jobKey)) or '', attempt, job[2], job[3],
    now, job[4] or '', job[5] or '', job[6] or ''}
  for _, v in ipairs(row) do
    out[#out + 1] = v
  end
  emit({jobId = jobId, name = job[1], state = eventState, attempt = attempt, ts = now})
end
