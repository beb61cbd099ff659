--[[
  refresh-counts: recomputes a queue's live counters from its stream and consumer group, repairing drift.
  Every recorded outcome acknowledges and deletes its entry, so the stream holds the undelivered entries (waiting)
  and the pending ones. A pending entry counts as active only while its job is active through it: an entry left
  by a dead worker whose job moved on is stale (reclaim drops it). At most `inspect` pending entries are looked
  at, so one call stays short; beyond that, pending entries are counted as active.
  KEYS: 1 stream, 2 counts
  ARGV: 1 group, 2 jobPrefix, 3 inspect
  Returns {waiting before, active before, waiting after, active after, stream length, pending, lag (-1 unknown),
  stale pending}.
]]

local group, jobPrefix, inspect = ARGV[1], ARGV[2], tonumber(ARGV[3])
local before = redis.call('HMGET', KEYS[2], 'waiting', 'active')
local length = redis.call('XLEN', KEYS[1])
local pending, lag, stale = 0, -1, 0
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
if pending > 0 then
  for _, p in ipairs(redis.call('XPENDING', KEYS[1], group, '-', '+', inspect)) do
    local entry = redis.call('XRANGE', KEYS[1], p[1], p[1])
    local jobId = entry[1] and entry[1][2][2]
    local job = jobId and redis.call('HMGET', jobPrefix .. jobId, 'state', 'entry') or {}
    if not (job[1] == 'active' and job[2] == p[1]) then
      stale = stale + 1
    end
  end
end
local waiting = math.max(length - pending, 0)
local active = pending - stale
redis.call('HSET', KEYS[2], 'waiting', waiting, 'active', active)
return {tonumber(before[1] or '0'), tonumber(before[2] or '0'), waiting, active, length, pending, lag, stale}
