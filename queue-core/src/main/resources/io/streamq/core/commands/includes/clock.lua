-- Every timestamp comes from the Redis server clock, so producers and workers on machines
-- with skewed clocks still agree on due times and latencies.
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
