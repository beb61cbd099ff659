--[[
  refresh-counts: recomputes a queue's live counters from its stream and consumer group, repairing drift.
  Every recorded outcome acknowledges and deletes its entry, so the stream holds exactly the undelivered entries
  (waiting) and the pending ones (active).
  KEYS: 1 stream, 2 counts
  ARGV: 1 group
  Returns {waiting before, active before, waiting after, active after, stream length, pending, lag (-1 unknown)}.
]]
local group = ARGV[1]
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
local waiting = length - pending
if waiting < 0 then waiting = 0 end
redis.call('HSET', KEYS[2], 'waiting', waiting, 'active', pending)
return {tonumber(before[1] or '0'), tonumber(before[2] or '0'), waiting, pending, length, pending, lag}
