--!include utf8-prefix
-- Failure reasons per queue: failed attempts, distinct jobs and last-seen; bounded to the 200 most recent reasons.
-- A job counts once per reason however many of its attempts failed with it: the first such attempt leaves a marker
-- on the job's hash (deleted with the job; a replay, which starts the hash afresh, carries the markers over: it runs
-- the same job). A reason dropped by the bound and seen again starts again at one job.
local FAILED_WITH = 'failedWith:'

local function recordFailureReason(countsKey, jobsKey, lastSeenKey, jobKey, code, message, now)
  local reason = code .. ': ' .. utf8Prefix(message, 200)
  local attempts = redis.call('HINCRBY', countsKey, reason, 1)
  local firstOfJob = redis.call('HSETNX', jobKey, FAILED_WITH .. string.sub(redis.sha1hex(reason), 1, 16), 1)
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

-- The job's failure markers as HSET arguments (field, value, ...), to carry over to its hash started afresh.
local function failureMarkers(jobKey)
  local markers = {}
  local fields = redis.call('HGETALL', jobKey)
  for i = 1, #fields, 2 do
    if string.sub(fields[i], 1, #FAILED_WITH) == FAILED_WITH then
      markers[#markers + 1] = fields[i]
      markers[#markers + 1] = fields[i + 1]
    end
  end
  return markers
end
