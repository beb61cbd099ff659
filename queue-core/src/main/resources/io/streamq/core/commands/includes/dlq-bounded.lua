-- Zsets of DLQ ids scored by a time (ms) that keep records of what is not (or no longer) an entry: tombstones and
-- pending successes. They must not grow without bound, yet must hold a record for as long as the record it answers
-- can still be forwarded again (docs/dlq.md). Needs nothing.

-- Members scored more than maxAgeMs ago go; beyond maxCount the oldest go, but never one scored less than minAgeMs
-- ago. At most `limit` per call. `drop(ids)` removes ids with whatever belongs to them and answers how many.
local function dlqTrimBounded(key, drop, now, maxAgeMs, minAgeMs, maxCount, limit)
  local trimmed = drop(redis.call('ZRANGEBYSCORE', key, '-inf', '(' .. (now - maxAgeMs), 'LIMIT', 0, limit))
  local excess = redis.call('ZCARD', key) - maxCount
  if excess > 0 and trimmed < limit then
    trimmed = trimmed + drop(redis.call('ZRANGEBYSCORE', key, '-inf', '(' .. (now - minAgeMs),
      'LIMIT', 0, math.min(excess, limit - trimmed)))
  end
  return trimmed
end
