--[[
  claim: waiting jobs become active for one consumer, a batch per call. Only a waiting job's current entry (the
  `entry` on its hash) hands it over; any other entry naming a job is dropped uncounted. The queue's rate limit and
  max active (claim-limits) cap the batch; a claim they hold back changes nothing.
  KEYS: 1 stream, 2 counts, 3 meta, 4 limits
  ARGV: 1 group, 2 consumer, 3 max jobs, 4 jobPrefix, 5 queue, 6 channel, 7 default rate jobs, 8 default rate per ms,
        9 default max active
  ROW: entryId, jobId, name, payload, attempt, maxAttempts, createdAt, startedAt, tenant, workspace, actor
  Publishes: job events: 'active' per job handed over
  Returns {'paused'}; or {'limited', by, waitMs} when a limit lets no job start now: by is 'rate' or 'max-active',
  waitMs the time until the rate frees a start (0 when only a job ending can free one);
  or {'empty', id} where id is the newest entry (wait for entries after it);
  or {'jobs', row...}, a row per job handed over with the fields ROW lists.
]]
--!include clock
--!include events
--!include lease
--!include activate
--!include claim-limits

local group, consumer, limit, jobPrefix = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local queue, channel = ARGV[5], ARGV[6]

if redis.call('HGET', KEYS[3], 'paused') == '1' then
  return {'paused'}
end
-- XREADGROUP COUNT 0 means "no limit": a limit below 1 claims nothing.
if tonumber(limit) < 1 then
  return {'jobs'}
end
local now = nowMs()
local limits = readLimits(KEYS[4], KEYS[2], ARGV[7], ARGV[8], ARGV[9])
local heldBy, waitMs
limit, heldBy, waitMs = startsAllowed(limits, tonumber(limit), now, true)
if heldBy then
  return {'limited', heldBy, waitMs}
end

local read = redis.pcall('XREADGROUP', 'GROUP', group, consumer, 'COUNT', limit, 'STREAMS', KEYS[1], '>')
if type(read) == 'table' and read.err then
  if not string.find(read.err, 'NOGROUP', 1, true) then
    return redis.error_reply(read.err)
  end
  -- First use, or the stream was purged: start the group at the beginning so no entry is skipped.
  redis.call('XGROUP', 'CREATE', KEYS[1], group, '0', 'MKSTREAM')
  read = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', limit, 'STREAMS', KEYS[1], '>')
end

if not read then
  local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
  return {'empty', newest[1] and newest[1][1] or '0-0'}
end

local out = {'jobs'}
local claimed = 0
for _, entry in ipairs(read[1][2]) do
  local entryId, jobId = entry[1], entry[2][2]
  local jobKey = jobPrefix .. jobId
  local job = redis.call('HMGET', jobKey, 'state', 'entry')
  if job[1] == 'waiting' and job[2] == entryId then
    handOver(out, jobKey, jobId, entryId, consumer, now, 'active')
    claimed = claimed + 1
  else
    -- A stray: the job was removed, or this is not its current entry (it is delayed, active or finished through
    -- another). Whoever changed the job adjusted the counters; handing it over would run it twice.
    settleEntry(KEYS[1], group, entryId)
  end
end

if claimed > 0 then
  redis.call('HINCRBY', KEYS[2], 'waiting', -claimed)
  redis.call('HINCRBY', KEYS[2], 'active', claimed)
end
recordStarts(limits, claimed, now)
publishEvents(channel, queue)
return out
