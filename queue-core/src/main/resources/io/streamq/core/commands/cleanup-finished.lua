--[[
  cleanup-finished: deletes finished jobs (completed or failed) that finished before a cutoff, bounded per call.
  KEYS: 1 completed index, 2 failed index
  ARGV: 1 jobPrefix, 2 age ms (jobs finished longer ago than this go), 3 most jobs per index per call
  Returns {completed removed, failed removed}; a caller repeats while either equals the limit.
]]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local jobPrefix, cutoff, limit = ARGV[1], now - tonumber(ARGV[2]), tonumber(ARGV[3])

local function sweep(index)
  local ids = redis.call('ZRANGEBYSCORE', index, '-inf', cutoff, 'LIMIT', 0, limit)
  for _, id in ipairs(ids) do
    redis.call('DEL', jobPrefix .. id)
  end
  if #ids > 0 then
    redis.call('ZREM', index, unpack(ids))
  end
  return #ids
end

return {sweep(KEYS[1]), sweep(KEYS[2])}
