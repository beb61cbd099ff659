--[[
  due-schedules: the schedules of a queue whose due time has come, by the Redis clock (read only).
  KEYS: 1 schedule index
  ARGV: 1 max schedules
  Publishes: nothing
  Returns {now ms, ms until the next due time after these or -1, then per due schedule: id, due ms}.
]]
--!include clock

local limit = tonumber(ARGV[1])
local now = nowMs()
local out = {now, -1}
if limit >= 1 then
  local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, limit)
  for i = 1, #due, 2 do
    out[#out + 1] = due[i]
    out[#out + 1] = tonumber(due[i + 1])
  end
end
local nextDue = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
if nextDue[2] then
  out[2] = tonumber(nextDue[2]) - now
end
return out
