--[[
  heartbeat: a worker instance says it is alive and what it is doing. The heartbeat expires on its
  own, so a crashed worker disappears without anyone cleaning up after it.
  KEYS: 1 worker index, 2 this worker's heartbeat key
  ARGV: 1 workerId, 2 ttl ms, 3 heartbeat JSON, 4 channel
  Publishes: the heartbeat JSON on the channel
]]
--!include clock

local now = nowMs()
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[2])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 3600000)
redis.call('PUBLISH', ARGV[4], ARGV[3])
return now
