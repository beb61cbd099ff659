--!include utf8-prefix
-- Failure reasons per queue: failed attempts, distinct jobs and last-seen; bounded to the 200 most recent reasons.
-- A job counts once per reason however many of its attempts failed with it: the first such attempt leaves a marker
-- on the job's hash (deleted with the job). A reason dropped by the bound and seen again starts again at one job.
local function recordFailureReason(countsKey, jobsKey, lastSeenKey, jobKey, code, message, now)
  local reason = code .. ': ' .. utf8Prefix(message, 200)
  local attempts = redis.call('HINCRBY', countsKey, reason, 1)
  local firstOfJob = redis.call('HSETNX', jobKey, 'failedWith:' .. string.sub(redis.sha1hex(reason), 1, 16), 1)
  if firstOfJob == 1 or attempts == 1 then
    redis.call('HINCRBY', jobsKey, reason, 1)
  end
  redis.call('ZADD', lastSeenKey, now, reason)
  local excess = redis.call('ZCARD', lastSeenKey) - 200
  if excess > 0 then
    local stale = redis.call('ZRANGE', lastSeenKey, 0, excess - 1)
    redis.call('HDEL', countsKey, unpack(stale))
    redis.call('HDEL', jobsKey, unpack(stale))
    redis.call('ZREM', lastSeenKey, unpack(stale))
  end
end
