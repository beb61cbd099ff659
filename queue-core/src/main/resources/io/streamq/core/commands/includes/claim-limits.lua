-- A queue's start limits, enforced where jobs start (claim, reclaim) so they hold for any number of workers.
-- `q:{Q}:limits` holds the owner's overrides, `rate` ('<jobs>/<perMs>' or 'none') and `maxActive` ('<n>' or 'none'),
-- a field left out following the queue config's default the caller passes (0: none); and `tat`, the rate bucket.
--
-- The rate limit is GCRA, like the API rate limiter (rate-limit.lua): a bucket of `jobs` starts that refills one
-- start every perMs / jobs ms, kept as one timestamp, the "theoretical arrival time" (TAT). A start is allowed while
-- TAT + interval stays within perMs of now; each start pushes TAT one interval further. So starts never run ahead
-- of `jobs` per perMs for long: over any span of t ms at most jobs + jobs * t / perMs start (a burst of at most
-- `jobs` after a quiet spell, then one per interval).
-- Max active counts the queue's `active` counter against the limit.

-- Reads the limits in force with one HMGET; the defaults are the queue config's (0: no limit).
local function readLimits(limitsKey, countsKey, defaultJobs, defaultPerMs, defaultMaxActive)
  local f = redis.call('HMGET', limitsKey, 'rate', 'maxActive', 'tat')
  local jobs, perMs = tonumber(defaultJobs), tonumber(defaultPerMs)
  if f[1] == 'none' then
    jobs = 0
  elseif f[1] then
    local j, p = string.match(f[1], '^(%d+)/(%d+)$')
    jobs, perMs = tonumber(j), tonumber(p)
  end
  local maxActive = tonumber(defaultMaxActive)
  if f[2] then
    maxActive = tonumber(f[2]) or 0
  end
  return {key = limitsKey, counts = countsKey, jobs = jobs, perMs = perMs, maxActive = maxActive,
    tat = tonumber(f[3]) or 0}
end

-- The bucket's TAT now: never before now, and never further than one period ahead, so a rate just raised by an
-- owner (or a config change) does not inherit the debt of a slower one.
local function bucketTat(l, now)
  return math.min(math.max(l.tat, now), now + l.perMs)
end

-- How many of `wanted` jobs may start now. `countActive`: whether the starts add active jobs (a claim; a reclaim
-- takes over jobs already active). Returns n, and when n is 0 which limit holds ('rate' or 'max-active') and the ms
-- until the rate bucket frees a start (0 when the rate is not what holds: then only a job ending frees one).
local function startsAllowed(l, wanted, now, countActive)
  local n, by, wait = wanted, nil, 0
  if countActive and l.maxActive > 0 then
    local active = tonumber(redis.call('HGET', l.counts, 'active') or '0')
    n = math.max(0, math.min(n, l.maxActive - active))
    if n == 0 then
      by = 'max-active'
    end
  end
  if l.jobs > 0 then
    local interval = l.perMs / l.jobs
    local tat = bucketTat(l, now)
    local free = math.floor((now + l.perMs - tat) / interval + 1e-6)
    if free < 1 then
      wait = math.max(1, math.ceil(tat + interval - l.perMs - now))
      n = 0
      by = by or 'rate'
    elseif free < n then
      n = free
    end
  end
  return n, by, wait
end

-- Records `n` jobs started now in the rate bucket.
local function recordStarts(l, n, now)
  if n > 0 and l.jobs > 0 then
    redis.call('HSET', l.key, 'tat', string.format('%.3f', bucketTat(l, now) + n * l.perMs / l.jobs))
  end
end
