--!include utf8-prefix
-- Failure reasons per queue: failed attempts, distinct jobs and last-seen; bounded to the 200 most recent reasons.
-- `keys` names counts (attempts), jobs, seen and since (when the reason's counts started, ms).
-- A job counts once per reason however many of its attempts failed with it: its first such attempt leaves a marker
-- on the job's hash holding the reason's `since` (deleted with the job; a replay, which starts the hash afresh,
-- carries the markers over: it runs the same job). A reason dropped by the bound and seen again starts afresh, with
-- a new `since`: a marker left from before no longer matches, so every job failing with it from then on counts.
local FAILED_WITH = 'failedWith:'

local function recordFailureReason(keys, jobKey, code, message, now)
  local reason = code .. ': ' .. utf8Prefix(message, 200)
  local since
  if redis.call('HINCRBY', keys.counts, reason, 1) == 1 then
    since = string.format('%.0f', now)
    redis.call('HSET', keys.since, reason, since)
  else
    since = redis.call('HGET', keys.since, reason) or ''
  end
  local marker = FAILED_WITH .. string.sub(redis.sha1hex(reason), 1, 16)
  if redis.call('HGET', jobKey, marker) ~= since then
    redis.call('HSET', jobKey, marker, since)
    redis.call('HINCRBY', keys.jobs, reason, 1)
  end
  redis.call('ZADD', keys.seen, now, reason)
  local excess = redis.call('ZCARD', keys.seen) - 200
  if excess > 0 then
    local stale = redis.call('ZRANGE', keys.seen, 0, excess - 1)
    for _, key in ipairs({keys.counts, keys.jobs, keys.since}) do
      redis.call('HDEL', key, unpack(stale))
    end
    redis.call('ZREM', keys.seen, unpack(stale))
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
