--[[
  track-event: counts one analytics event in its UTC day, with its property breakdown, at most once per job.
  KEYS: 1 counted marker of the job, 2 day counts, 3 day properties, 4 days index,
        5 user's recent events (optional), 6 user's profile (optional)
  ARGV: 1 event, 2 epoch day, 3 day (yyyy-mm-dd), 4 day keys TTL s, 5 max property fields per day,
        6 marker TTL s, 7 recent event JSON ('' = none), 8 recent max length, 9 recent TTL s, 10 user email ('' = none),
        11 property count, then one '<property>=<value>' per property
  Returns {counted (1, or 0 when this job was counted already), the event's count that day, properties recorded,
           properties folded into '<event>|~other' because the day's breakdown is full}.
]]
local event, epochDay, day, dayTtl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local maxFields, markerTtl = tonumber(ARGV[5]), tonumber(ARGV[6])

if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', markerTtl) then
  return {0, tonumber(redis.call('HGET', KEYS[2], event) or '0'), 0, 0}
end

local count = redis.call('HINCRBY', KEYS[2], event, 1)
local recorded, folded = 0, 0
local n = tonumber(ARGV[11])
for i = 1, n do
  local field = event .. '|' .. ARGV[11 + i]
  if redis.call('HEXISTS', KEYS[3], field) == 1 or redis.call('HLEN', KEYS[3]) < maxFields then
    redis.call('HINCRBY', KEYS[3], field, 1)
    recorded = recorded + 1
  else
    redis.call('HINCRBY', KEYS[3], event .. '|~other', 1)
    folded = folded + 1
  end
end
redis.call('EXPIRE', KEYS[2], dayTtl)
if redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('EXPIRE', KEYS[3], dayTtl)
end
redis.call('ZADD', KEYS[4], epochDay, day)

if KEYS[5] and ARGV[7] ~= '' then
  redis.call('LPUSH', KEYS[5], ARGV[7])
  redis.call('LTRIM', KEYS[5], 0, tonumber(ARGV[8]) - 1)
  redis.call('EXPIRE', KEYS[5], tonumber(ARGV[9]))
end
if KEYS[6] and ARGV[10] ~= '' then
  redis.call('HSET', KEYS[6], 'email', ARGV[10])
  redis.call('EXPIRE', KEYS[6], tonumber(ARGV[9]))
end
return {1, count, recorded, folded}
