--[[
  claim: waiting jobs become active for one consumer, a batch per call, in priority order: waiting jobs of priorities
  1-4 (the prioritized set, by score), then the queue's stream (priority 5), then priorities 6-10. While prioritized
  jobs wait, every 10th start (counted for the queue in meta `starts`) goes to the next level in round robin (meta
  `fairLevel`) that holds waiting jobs, other than the one priority order would serve, so no level starves.
  A prioritized job is handed over through a new entry of the prioritized stream, read at once for this consumer, so
  its lease is a pending entry like a stream job's; that stream holds no undelivered entry outside this script.
  Only a waiting job's current entry (the `entry` on its hash) hands it over, and only a waiting job without an entry
  its member of the prioritized set; any other entry or member naming a job is dropped uncounted.
  The queue's rate limit and max active (claim-limits) cap the batch; a claim they hold back changes nothing.
  KEYS: 1 stream, 2 counts, 3 meta, 4 prioritized, 5 prioritized stream, 6 wake stream, 7 limits
  ARGV: 1 group, 2 consumer, 3 max jobs, 4 jobPrefix, 5 queue, 6 channel, 7 default rate jobs, 8 default rate per ms,
        9 default max active
  ROW: entryId, jobId, name, payload, attempt, maxAttempts, createdAt, startedAt, tenant, workspace, actor
  Publishes: job events: 'active' per job handed over
  Returns {'paused'}; or {'limited', by, waitMs} when a limit lets no job start now: by is 'rate' or 'max-active',
  waitMs the time until the rate frees a start (0 when only a job ending can free one); or {'empty', id, wake id}
  where id is the stream's newest entry and wake id the wake stream's (wait for entries after them); or
  {'jobs', row...}, a row per job handed over with the fields ROW lists.
]]
--!include clock
--!include events
--!include lease
--!include activate
--!include priority
--!include slices
--!include claim-limits

local group, consumer, limit, jobPrefix = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local queue, channel = ARGV[5], ARGV[6]
local FAIR_EVERY = 10

if redis.call('HGET', KEYS[3], 'paused') == '1' then
  return {'paused'}
end
-- XREADGROUP COUNT 0 means "no limit": a limit below 1 claims nothing.
if limit < 1 then
  return {'jobs'}
end
local now = nowMs()
local limits = readLimits(KEYS[7], KEYS[2], ARGV[7], ARGV[8], ARGV[9])
local heldBy, waitMs
limit, heldBy, waitMs = startsAllowed(limits, tonumber(limit), now, true)
if heldBy then
  return {'limited', heldBy, waitMs}
end

local out = {'jobs'}
local claimed = 0

-- Up to n new entries of a stream for this consumer.
local function readGroup(stream, n)
  local read = redis.pcall('XREADGROUP', 'GROUP', group, consumer, 'COUNT', n, 'STREAMS', stream, '>')
  if type(read) == 'table' and read.err then
    if not string.find(read.err, 'NOGROUP', 1, true) then
      error(read)
    end
    -- First use, or the stream was purged: start the group at the beginning so no entry is skipped.
    redis.call('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')
    read = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', n, 'STREAMS', stream, '>')
  end
  return read and read[1][2] or {}
end

-- Up to n jobs of the queue's stream (priority 5); answers how many were handed over and how many entries were read.
local function takeStream(n)
  local handed = 0
  local entries = readGroup(KEYS[1], n)
  for _, entry in ipairs(entries) do
    local entryId, jobId = entry[1], entry[2][2]
    local jobKey = jobPrefix .. jobId
    local job = redis.call('HMGET', jobKey, 'state', 'entry')
    if job[1] == 'waiting' and job[2] == entryId then
      handOver(out, jobKey, jobId, entryId, consumer, now, 'active')
      handed = handed + 1
    else
      -- A stray: the job was removed, or this is not its current entry (it is delayed, active or finished through
      -- another). Whoever changed the job adjusted the counters; handing it over would run it twice.
      settleEntry(KEYS[1], group, entryId)
    end
  end
  return handed, #entries
end

-- Up to n jobs of the prioritized set scored in [from, to); answers how many were handed over and members read.
local function takePrioritized(from, to, n)
  local handed = 0
  local ids = redis.call('ZRANGEBYSCORE', KEYS[4], scoreBound(from), scoreBound(to, true), 'LIMIT', 0, n)
  for _, jobId in ipairs(ids) do
    local jobKey = jobPrefix .. jobId
    local job = redis.call('HMGET', jobKey, 'state', 'entry')
    if job[1] == 'waiting' and not job[2] then
      handOver(out, jobKey, jobId, redis.call('XADD', KEYS[5], '0-*', 'j', jobId), consumer, now, 'active')
      handed = handed + 1
    end
  end
  callSliced('ZREM', KEYS[4], ids)
  if handed > 0 then
    -- The entries just added are the stream's only undelivered ones: this makes them pending for this consumer.
    readGroup(KEYS[5], handed)
  end
  return handed, #ids
end

local HIGH, LOW = levelStart(MIN_PRIORITY), levelStart(DEFAULT_PRIORITY + 1)
local DEFAULT, END = levelStart(DEFAULT_PRIORITY), levelStart(MAX_PRIORITY + 1)

-- Up to n jobs in priority order.
local function takeInOrder(n)
  local handed, read = takePrioritized(HIGH, DEFAULT, n)
  if read == n then
    return handed
  end
  local more
  more, read = takeStream(n - handed)
  if read == n - handed then
    return handed + more
  end
  handed = handed + more
  return handed + takePrioritized(LOW, END, n - handed)
end

-- The lowest level at or after `from` that holds waiting jobs, other than `skip`; nil when there is none.
local function waitingLevelFrom(from, skip, streamWaits)
  local level
  local head = redis.call('ZRANGEBYSCORE', KEYS[4], scoreBound(levelStart(from)), '+inf', 'LIMIT', 0, 1, 'WITHSCORES')
  if head[1] then
    level = levelOf(head[2])
    if level == skip then
      head = redis.call('ZRANGEBYSCORE', KEYS[4], scoreBound(levelStart(skip + 1)), '+inf', 'LIMIT', 0, 1,
        'WITHSCORES')
      level = head[1] and levelOf(head[2]) or nil
    end
  end
  if streamWaits and skip ~= DEFAULT_PRIORITY and from <= DEFAULT_PRIORITY
      and (level == nil or level > DEFAULT_PRIORITY) then
    level = DEFAULT_PRIORITY
  end
  return level
end

-- The fair share: one job of the next waiting level in round robin, other than the one priority order serves.
local function takeFairShare(waitingBefore)
  local streamWaits = waitingBefore - claimed - redis.call('ZCARD', KEYS[4]) > 0
  local first = waitingLevelFrom(MIN_PRIORITY, nil, streamWaits)
  local cursor = tonumber(redis.call('HGET', KEYS[3], 'fairLevel') or MIN_PRIORITY)
  local level = waitingLevelFrom(cursor, first, streamWaits) or waitingLevelFrom(MIN_PRIORITY, first, streamWaits)
  if level == nil then
    return 0
  end
  redis.call('HSET', KEYS[3], 'fairLevel', level % MAX_PRIORITY + 1)
  if level == DEFAULT_PRIORITY then
    return (takeStream(1))
  end
  return (takePrioritized(levelStart(level), levelStart(level + 1), 1))
end

if redis.call('ZCARD', KEYS[4]) == 0 then
  -- Only priority 5 waits: the stream alone, as before priorities existed.
  local read
  claimed, read = takeStream(limit)
  if read == 0 then
    local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
    local wake = redis.call('XREVRANGE', KEYS[6], '+', '-', 'COUNT', 1)
    return {'empty', newest[1] and newest[1][1] or '0-0', wake[1] and wake[1][1] or '0-0'}
  end
else
  local waitingBefore = tonumber(redis.call('HGET', KEYS[2], 'waiting') or '0')
  local starts = tonumber(redis.call('HGET', KEYS[3], 'starts') or '0') % FAIR_EVERY
  while claimed < limit do
    local wanted, handed
    if starts == FAIR_EVERY - 1 then
      wanted = 1
      handed = takeFairShare(waitingBefore)
      if handed == 0 then
        handed = takeInOrder(1)
      end
    else
      wanted = math.min(limit - claimed, FAIR_EVERY - 1 - starts)
      handed = takeInOrder(wanted)
    end
    claimed = claimed + handed
    starts = (starts + handed) % FAIR_EVERY
    -- Fewer than wanted: the queue ran dry, or strays took the place of jobs; the caller comes back for more.
    if handed < wanted then
      break
    end
  end
  redis.call('HSET', KEYS[3], 'starts', starts)
end

if claimed > 0 then
  redis.call('HINCRBY', KEYS[2], 'waiting', -claimed)
  redis.call('HINCRBY', KEYS[2], 'active', claimed)
end
recordStarts(limits, claimed, now)
publishEvents(channel, queue)
return out
