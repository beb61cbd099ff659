--[[
  queue-snapshot: everything monitor-service derives a queue's metrics from, read in one round trip at one instant
  (read-only). Waiting jobs per priority: a ZCOUNT per level of the prioritized set, and priority 5 is the rest of
  `waiting` (the stream's). The oldest waiting job is the older of the first undelivered stream entry (its id carries
  its enqueue time) and the first member of each prioritized level (first in first out within a level; its
  `waitingSince`).
  KEYS: 1 stream, 2 counts, 3 meta, 4 delayed, 5 completed, 6 failed, 7 dead stream, 8 processing times,
        9 prioritized, 10 cancelled
  ARGV: 1 group, 2 minutePrefix, 3 minutes of facts (current minute first), 4 processing times to read, 5 jobPrefix
  Publishes: nothing (read only)
  Returns {now, counts hash (flat), paused ('1' or ''), delayed, completed, failed, dead length,
  oldest waiting since (ms) or '', per minute {enqueued, completed, failed, failedAttempts, processingMs},
  processing times newest first, waiting per priority 1 to 10, cancelled}.
]]
--!include clock
--!include undelivered
--!include priority

local group, minutePrefix, minutes, times = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local jobPrefix = ARGV[5]
local now = nowMs()
local oldest
local first = redis.call('XRANGE', KEYS[1], undeliveredStart(KEYS[1], group), '+', 'COUNT', 1)
if first[1] then oldest = tonumber(string.match(first[1][1], '^(%d+)-')) end

local byPriority = {}
local prioritized = 0
for p = MIN_PRIORITY, MAX_PRIORITY do
  byPriority[p] = 0
  if p ~= DEFAULT_PRIORITY then
    byPriority[p] = redis.call('ZCOUNT', KEYS[9], scoreBound(levelStart(p)), scoreBound(levelStart(p + 1), true))
    prioritized = prioritized + byPriority[p]
    if byPriority[p] > 0 then
      local head = redis.call('ZRANGEBYSCORE', KEYS[9], scoreBound(levelStart(p)), '+inf', 'LIMIT', 0, 1)
      local since = tonumber(redis.call('HGET', jobPrefix .. head[1], 'waitingSince') or '')
      if since and (oldest == nil or since < oldest) then oldest = since end
    end
  end
end
byPriority[DEFAULT_PRIORITY] = math.max(0, tonumber(redis.call('HGET', KEYS[2], 'waiting') or '0') - prioritized)

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
  redis.call('XLEN', KEYS[7]), oldest and string.format('%.0f', oldest) or '', facts, recent, byPriority,
  redis.call('ZCARD', KEYS[10])}
