--[[
  queue-snapshot: everything monitor-service derives a queue's metrics from, read in one round trip at one instant
  (read-only). The oldest waiting job is the first undelivered stream entry; its id carries its enqueue time.
  KEYS: 1 stream, 2 counts, 3 meta, 4 delayed, 5 completed, 6 failed, 7 dead stream, 8 processing times
  ARGV: 1 group, 2 minutePrefix, 3 minutes of facts (current minute first), 4 processing times to read
  Publishes: nothing (read only)
  Returns {now, counts hash (flat), paused ('1' or ''), delayed, completed, failed, dead length,
  oldest undelivered entry id or '', per minute {enqueued, completed, failed, failedAttempts, processingMs},
  processing times newest first}.
]]
--!include clock
--!include undelivered

local group, minutePrefix, minutes, times = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local now = nowMs()
local oldest = ''
local first = redis.call('XRANGE', KEYS[1], undeliveredStart(KEYS[1], group), '+', 'COUNT', 1)
if first[1] then oldest = first[1][1] end

local facts = {}
local minute = math.floor(now / 60000)
for i = 0, minutes - 1 do
  local f = redis.call('HMGET', minutePrefix .. (minute - i), 'enqueued', 'completed', 'failed', 'failedAttempts',
    'processingMs')
  facts[#facts + 1] = {tonumber(f[1] or '0'), tonumber(f[2] or '0'), tonumber(f[3] or '0'), tonumber(f[4] or '0'),
    tonumber(f[5] or '0')}
end

local recent = {}
if times > 0 then recent = redis.call('LRANGE', KEYS[8], 0, times - 1) end

return {now, redis.call('HGETALL', KEYS[2]), redis.call('HGET', KEYS[3], 'paused') or '',
  redis.call('ZCARD', KEYS[4]), redis.call('ZCARD', KEYS[5]), redis.call('ZCARD', KEYS[6]),
  redis.call('XLEN', KEYS[7]), oldest, facts, recent}
