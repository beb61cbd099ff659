--[[
  track-event: counts one analytics event in its UTC day, with its property breakdown, at most once per job.
  Both day hashes hold at most their bound of fields, the overflow field '~other' included: a name (or breakdown
  field) that would need a new field in a full hash is counted in '~other' instead. A folded event's properties are
  not broken down; they count in the breakdown's '~other'. Event names ([a-z0-9_.:-]) and breakdown fields
  ('<event>|...') can never be '~other'. At most a few commands per property (payloads carry at most 50).
  KEYS: 1 counted marker of the job, 2 day counts, 3 day properties, 4 days index,
        5 user's recent events (optional), 6 user's profile (optional)
  ARGV: 1 event, 2 epoch day, 3 day (yyyy-mm-dd), 4 day keys TTL s, 5 max event fields per day,
        6 max property fields per day, 7 marker TTL s, 8 recent event JSON ('' = none), 9 recent max length,
        10 recent TTL s, 11 user email ('' = none), 12 property count,
        then per property: property ('<property>=<value>')
  Publishes: nothing
  Returns {counted (1, or 0 when this job was counted already), the count of the day's field the event is counted
           in, properties recorded, properties folded into the breakdown's '~other', 1 when the event itself was
           folded into the day's '~other' (0 otherwise)}.
]]
local OTHER = '~other'
local event, epochDay, day, dayTtl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local maxEvents, maxFields, markerTtl = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])

if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', markerTtl) then
  local count = redis.call('HGET', KEYS[2], event)
  if count then
    return {0, tonumber(count), 0, 0, 0}
  end
  return {0, tonumber(redis.call('HGET', KEYS[2], OTHER) or '0'), 0, 0, 1}
end

-- Adds one to field, or to OTHER when field is new and the hash has no room left beside OTHER's place.
-- Answers the new count and whether it went to field itself.
local function countIn(key, field, max)
  if redis.call('HEXISTS', key, field) == 1
      or redis.call('HLEN', key) - redis.call('HEXISTS', key, OTHER) < max - 1 then
    return redis.call('HINCRBY', key, field, 1), true
  end
  return redis.call('HINCRBY', key, OTHER, 1), false
end

local count, named = countIn(KEYS[2], event, maxEvents)
local recorded, folded = 0, 0
local n = tonumber(ARGV[12])
if named then
  for i = 1, n do
    local _, own = countIn(KEYS[3], event .. '|' .. ARGV[12 + i], maxFields)
    if own then
      recorded = recorded + 1
    else
      folded = folded + 1
    end
  end
elseif n > 0 then
  redis.call('HINCRBY', KEYS[3], OTHER, n)
  folded = n
end
redis.call('EXPIRE', KEYS[2], dayTtl)
if redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('EXPIRE', KEYS[3], dayTtl)
end
redis.call('ZADD', KEYS[4], epochDay, day)

if KEYS[5] and ARGV[8] ~= '' then
  redis.call('LPUSH', KEYS[5], ARGV[8])
  redis.call('LTRIM', KEYS[5], 0, tonumber(ARGV[9]) - 1)
  redis.call('EXPIRE', KEYS[5], tonumber(ARGV[10]))
end
if KEYS[6] and ARGV[11] ~= '' then
  redis.call('HSET', KEYS[6], 'email', ARGV[11])
  redis.call('EXPIRE', KEYS[6], tonumber(ARGV[10]))
end
return {1, count, recorded, folded, named and 0 or 1}
