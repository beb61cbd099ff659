-- Keeps a finished-jobs index (completed or failed) within "last N" and "for T ms", deleting the
-- job hashes that fall out. Work per call is bounded; it runs on every finish, so it keeps up.
--!include job-payload
--!include slices

local function dropJobs(indexKey, jobPrefix, ids)
  for _, id in ipairs(ids) do
    deleteJob(jobPrefix .. id)
  end
  callSliced('ZREM', indexKey, ids)
  return #ids
end

local function applyRemovalPolicy(indexKey, jobPrefix, keepCount, keepAgeMs, now)
  local removed = 0
  if keepCount >= 0 then
    local excess = redis.call('ZCARD', indexKey) - keepCount
    if excess > 0 then
      removed = removed + dropJobs(indexKey, jobPrefix,
        redis.call('ZRANGE', indexKey, 0, math.min(excess, 1000) - 1))
    end
  end
  if keepAgeMs > 0 then
    removed = removed + dropJobs(indexKey, jobPrefix,
      redis.call('ZRANGEBYSCORE', indexKey, '-inf', now - keepAgeMs, 'LIMIT', 0, 1000))
  end
  return removed
end
