--!include utf8-prefix
-- Failure reasons per queue: count and last-seen; bounded to the 200 most recent reasons.
local function recordFailureReason(countsKey, lastSeenKey, code, message, now)
  local reason = code .. ': ' .. utf8Prefix(message, 200)
  redis.call('HINCRBY', countsKey, reason, 1)
  redis.call('ZADD', lastSeenKey, now, reason)
  local excess = redis.call('ZCARD', lastSeenKey) - 200
  if excess > 0 then
    local stale = redis.call('ZRANGE', lastSeenKey, 0, excess - 1)
    redis.call('HDEL', countsKey, unpack(stale))
    redis.call('ZREM', lastSeenKey, unpack(stale))
  end
end
