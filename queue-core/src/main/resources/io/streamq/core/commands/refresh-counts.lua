--[[
  refresh-counts: recomputes a queue's live counters from its streams, consumer groups and prioritized set, repairing
  drift. Every recorded outcome acknowledges and deletes its entry, so the stream holds the undelivered entries and the
  pending ones, and the prioritized stream only pending ones. A pending entry counts as active only while its job is
  active through it, an undelivered entry as waiting only while its job is waiting on it, and a prioritized set member
  only while its job waits there (without an entry); anything else is a stray (claim, reclaim and hand-back drop them).
  A pending entry deleted from the stream (Redis keeps it in the pending list) is not in XLEN either. At most `inspect`
  pending entries of each stream, `inspect` undelivered entries and `inspect` members are looked at, so one call stays
  short; beyond those, pending entries count as active and undelivered entries and members as waiting.
  KEYS: 1 stream, 2 counts, 3 prioritized stream, 4 prioritized
  ARGV: 1 group, 2 jobPrefix, 3 inspect
  Publishes: nothing
  Returns {waiting before, active before, waiting after, active after, stream length, pending, lag (-1 unknown),
  stray entries found}; length, pending and lag are the stream's (priority 5).
]]
--!include undelivered

local group, jobPrefix, inspect = ARGV[1], ARGV[2], tonumber(ARGV[3])
local before = redis.call('HMGET', KEYS[2], 'waiting', 'active')

-- The group's pending count and lag (-1 unknown) on a stream.
local function groupInfo(stream)
  if redis.call('EXISTS', stream) == 0 then
    return 0, -1
  end
  for _, g in ipairs(redis.call('XINFO', 'GROUPS', stream)) do
    local info = {}
    for i = 1, #g, 2 do info[g[i]] = g[i + 1] end
    if info['name'] == group then
      return tonumber(info['pending']), type(info['lag']) == 'number' and info['lag'] or -1
    end
  end
  return 0, -1
end

-- Whether the job named by `jobId` is `state` through exactly this entry (false: no entry).
local function current(jobId, entryId, state)
  local job = jobId and redis.call('HMGET', jobPrefix .. jobId, 'state', 'entry') or {}
  return job[1] == state and job[2] == entryId
end

local strays = 0

-- Active jobs behind a stream's pending entries, and how many of those entries are still in the stream.
local function activeOf(stream, pending)
  local active, inStream = pending, pending
  if pending > 0 then
    for _, p in ipairs(redis.call('XPENDING', stream, group, '-', '+', inspect)) do
      local entry = redis.call('XRANGE', stream, p[1], p[1])[1]
      if not entry then
        inStream = inStream - 1
        active = active - 1
      elseif not current(type(entry[2]) == 'table' and entry[2][2] or nil, p[1], 'active') then
        strays = strays + 1
        active = active - 1
      end
    end
  end
  return active, inStream
end

local length = redis.call('XLEN', KEYS[1])
local pending, lag = groupInfo(KEYS[1])
local active, pendingInStream = activeOf(KEYS[1], pending)
active = active + activeOf(KEYS[3], (groupInfo(KEYS[3])))

local waiting = math.max(length - pendingInStream, 0)
if waiting > 0 then
  for _, e in ipairs(redis.call('XRANGE', KEYS[1], undeliveredStart(KEYS[1], group), '+', 'COUNT', inspect)) do
    if not current(e[2][2], e[1], 'waiting') then
      strays = strays + 1
      waiting = waiting - 1
    end
  end
end
local members = redis.call('ZCARD', KEYS[4])
waiting = waiting + members
for _, jobId in ipairs(members > 0 and redis.call('ZRANGE', KEYS[4], 0, inspect - 1) or {}) do
  if not current(jobId, false, 'waiting') then
    strays = strays + 1
    waiting = waiting - 1
  end
end
redis.call('HSET', KEYS[2], 'waiting', waiting, 'active', active)
return {tonumber(before[1] or '0'), tonumber(before[2] or '0'), waiting, active, length, pending, lag, strays}
