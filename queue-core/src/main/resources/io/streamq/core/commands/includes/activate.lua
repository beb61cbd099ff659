-- Hands one job to a consumer: counts the attempt and records the lease. Returns the row the
-- worker needs to run it, or nil when the job no longer exists (removed while it waited).
local function activate(jobKey, jobId, entryId, consumer, now)
  local job = redis.call('HMGET', jobKey, 'name', 'payload', 'maxAttempts', 'createdAt', 'tenant',
    'workspace', 'actor')
  if not job[1] then
    return nil
  end
  local attempt = redis.call('HINCRBY', jobKey, 'attempts', 1)
  redis.call('HSET', jobKey, 'state', 'active', 'startedAt', now, 'worker', consumer, 'entry', entryId)
  return {entryId, jobId, job[1], job[2], attempt, job[3], job[4], now, job[5] or '', job[6] or '',
    job[7] or ''}
end
