--[[
  refresh-counts: recomputes a queue's live counters from its stream and consumer group, repairing drift.
  Every recorded outcome acknowledges and deletes its entry, so the stream holds the undelivered entries and the
  pending ones. A pending entry counts as active only while its job is active through it, and an undelivered entry
  as waiting only while its job is waiting on it; anything else is a stray (claim, reclaim and hand-back drop them).
  A pending entry deleted from the stream (Redis keeps it in the pending list) is not in XLEN either. At most
  `inspect` pending and `inspect` undelivered entries are looked at, so one call stays short; beyond those, pending
  entries count as active and undelivered ones as waiting.
  KEYS: 1 stream, 2 counts
  ARGV: 1 group, 2 jobPrefix, 3 inspect
  Publishes: nothing
  Returns {waiting before, active before, waiting after, active after, stream length, pending, lag (-1 unknown),
  stray entries found}.
]]
--!include undelivered

local group, jobPrefix, inspect = ARGV[1], ARGV[2], tonumber(ARGV[3])
local before = redis.call('HMGET', KEYS[2], 'waiting', 'active')
local length = redis.call('XLEN', KEYS[1])
local pending, lag = 0, -1
if length > 0 or redis.call('EXISTS', KEYS[1]) == 1 then
  local groups = redis.call('XINFO', 'GROUPS', KEYS[1])
  for _, g in ipairs(groups) do
    local info = {}
    for i = 1, #g, 2 do info[g[i]] = g[i + 1] end
    if info['name'] == group then
      pending = tonumber(info['pending'])
      if type(info['lag']) == 'number' then lag = info['lag'] end
    end
  end
end

-- The job an entry names, and whether the job is `state` through exactly this entry.
local function current(entryId, fields, state)
  local jobId = type(fields) == 'table' and fields[2] or nil
  local job = jobId and redis.call('HMGET', jobPrefix .. jobId, 'state', 'entry') or {}
  return job[1] == state and job[2] == entryId
end

local strays, active, pendingInStream = 0, pending, pending
if pending > 0 then
  for _, p in ipairs(redis.call('XPENDING', KEYS[1], group, '-', '+', inspect)) do
    local entry = redis.call('XRANGE', KEYS[1], p[1], p[1])[1]
    if not entry then
      pendingInStream = pendingInStream - 1
      active = active - 1
    elseif not current(p[1], entry[2], 'active') then
      strays = strays + 1
      active = active - 1
    end
  end
end
local waiting = math.max(length - pendingInStream, 0)
if waiting > 0 then
  for _, e in ipairs(redis.call('XRANGE', KEYS[1], undeliveredStart(KEYS[1], group), '+', 'COUNT', inspect)) do
    if not current(e[1], e[2], 'waiting') then
      strays = strays + 1
      waiting = waiting - 1
    end
  end
end
redis.call('HSET', KEYS[2], 'waiting', waiting, 'active', active)
return {tonumber(before[1] or '0'), tonumber(before[2] or '0'), waiting, active, length, pending, lag, strays}
