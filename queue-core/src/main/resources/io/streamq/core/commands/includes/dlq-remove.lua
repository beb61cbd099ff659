-- Removing one DLQ entry with everything derived from it: indexes and the analytics counters, so counts always
-- equal the entries. Needs the dlq-keys include.

-- Decrements a member's count in a counting zset; members at zero are dropped so the zset stays small.
local function dlqUncount(key, member)
  local left = tonumber(redis.call('ZINCRBY', key, -1, member))
  if left <= 0 then
    redis.call('ZREM', key, member)
  end
  return left
end

-- Hour buckets expire (TTL > 48 h); an expired one is not recreated by a decrement.
local function dlqUnhour(ts, queue)
  local key = dlqHourKey(ts)
  if redis.call('EXISTS', key) == 1 then
    redis.call('HINCRBY', key, 'total', -1)
    redis.call('HINCRBY', key, 'q:' .. queue, -1)
  end
end

-- Removes entry `id`; answers {queue, name, code} or false when there is no such entry.
local function dlqRemove(id)
  local key = dlqEntryKey(id)
  local f = redis.call('HMGET', key, 'originalQueue', 'originalJobName', 'errorCode', 'fingerprint',
    'lastFailedAt', 'firstFailedAt')
  if not f[1] then
    return false
  end
  local queue, name, code, fingerprint = f[1], f[2], f[3], f[4]
  redis.call('DEL', key)
  redis.call('ZREM', dlqKey('idx:all'), id)
  redis.call('ZREM', dlqKey('idx:queue:' .. queue), id)
  redis.call('ZREM', dlqKey('idx:name:' .. name), id)
  redis.call('ZREM', dlqKey('idx:code:' .. code), id)
  redis.call('ZREM', dlqKey('idx:replays'), id)
  redis.call('ZREM', dlqKey('idx:replays:' .. queue), id)
  dlqUncount(dlqKey('count:queue'), queue)
  dlqUncount(dlqKey('count:name'), name)
  dlqUncount(dlqKey('count:code'), code)
  if dlqUncount(dlqKey('count:reason'), fingerprint) <= 0 then
    redis.call('HDEL', dlqKey('reason:example'), fingerprint)
  end
  dlqUnhour(f[5], queue)
  redis.call('HINCRBY', dlqKey('stats'), 'sumFirstFailedAt', -tonumber(f[6]))
  return {queue, name, code}
end

-- Retention by count: drops the entries that failed longest ago beyond `maxEntries`, at most `limit` per call.
local function dlqDropBeyondCount(maxEntries, limit)
  if maxEntries <= 0 then
    return 0
  end
  local excess = redis.call('ZCARD', dlqKey('idx:all')) - maxEntries
  if excess <= 0 then
    return 0
  end
  local ids = redis.call('ZRANGE', dlqKey('idx:all'), 0, math.min(excess, limit) - 1)
  for _, id in ipairs(ids) do
    dlqRemove(id)
  end
  return #ids
end

-- Retention by age: drops entries whose last failure is older than `maxAgeMs`, at most `limit` per call.
local function dlqDropOlderThan(now, maxAgeMs, limit)
  if maxAgeMs <= 0 then
    return 0
  end
  local ids = redis.call('ZRANGEBYSCORE', dlqKey('idx:all'), '-inf', now - maxAgeMs, 'LIMIT', 0, limit)
  for _, id in ipairs(ids) do
    dlqRemove(id)
  end
  return #ids
end
