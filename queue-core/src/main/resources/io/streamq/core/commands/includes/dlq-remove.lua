-- Removing DLQ entries with everything derived from them: indexes and the analytics counters, so counts always
-- equal the entries. Needs the dlq-keys and dlq-batch includes.

-- stats.sumFirstFailedSec sums whole seconds: a sum of epoch ms would overflow Redis's 64-bit integers at about
-- 5 million entries (HINCRBY then fails mid-script); in seconds that takes about 5 billion.
local function dlqSeconds(ms)
  return math.floor(tonumber(ms) / 1000)
end

-- Removes the given entries (a batch of at most a few hundred); with `failedUpTo`, only those whose lastFailedAt is
-- at most that (a clear leaves what failed after its cutoff). Answers the ids removed, in order, and per such id
-- {queue, name, code, lastFailedAt}.
local function dlqRemoveMany(ids, failedUpTo)
  local gone, removed, keys = {}, {}, {}
  local batch = dlqBatch()
  local firstSec = 0
  for _, id in ipairs(ids) do
    local key = dlqEntryKey(id)
    local f = redis.call('HMGET', key, 'originalQueue', 'originalJobName', 'errorCode', 'fingerprint',
      'lastFailedAt', 'firstFailedAt')
    if f[1] and not removed[id] and not (failedUpTo and tonumber(f[5]) > failedUpTo) then
      local queue, name, code = f[1], f[2], f[3]
      gone[#gone + 1] = id
      removed[id] = {queue, name, code, f[5]}
      keys[#keys + 1] = key
      for _, suffix in ipairs({'idx:all', 'idx:queue:' .. queue, 'idx:name:' .. name, 'idx:code:' .. code,
        'idx:replays', 'idx:replays:' .. queue}) do
        dlqIndex(batch, suffix, id, false)
      end
      dlqCount(batch, 'count:queue', queue, -1)
      dlqCount(batch, 'count:name', name, -1)
      dlqCount(batch, 'count:code', code, -1)
      dlqCount(batch, 'count:reason', f[4], -1)
      dlqHour(batch, f[5], queue, -1)
      firstSec = firstSec + dlqSeconds(f[6])
    end
  end
  if #gone > 0 then
    redis.call('DEL', unpack(keys))
    dlqApply(batch, 0)
    redis.call('HINCRBY', dlqKey('stats'), 'sumFirstFailedSec', -firstSec)
  end
  return gone, removed
end

-- Retention by count: drops the entries that failed longest ago beyond `maxEntries`, at most `limit` per call.
local function dlqDropBeyondCount(maxEntries, limit)
  if maxEntries <= 0 or limit <= 0 then
    return 0
  end
  local excess = redis.call('ZCARD', dlqKey('idx:all')) - maxEntries
  if excess <= 0 then
    return 0
  end
  return #dlqRemoveMany(redis.call('ZRANGE', dlqKey('idx:all'), 0, math.min(excess, limit) - 1))
end

-- Retention by age: drops entries whose last failure is older than `maxAgeMs`, at most `limit` per call.
local function dlqDropOlderThan(now, maxAgeMs, limit)
  if maxAgeMs <= 0 or limit <= 0 then
    return 0
  end
  return #dlqRemoveMany(redis.call('ZRANGEBYSCORE', dlqKey('idx:all'), '-inf', now - maxAgeMs, 'LIMIT', 0, limit))
end
