--[[
  save-schedule: writes a schedule's whole definition and places it in (or takes it out of) its queue's due index.
  Creating refuses an id that exists; changing acts only on the version the caller read (compare-and-set), so a save
  never undoes another one, and a fire planned with the old definition changes nothing afterwards. A fire does not
  raise the version, so the caller's next due time may come from runs read before a fire used up maxRuns: the runs
  recorded here decide, and a used-up schedule stays out of the index.
  KEYS: 1 schedule, 2 schedule index
  ARGV: 1 id, 2 mode, 3 expected version, 4 next due ms, then per field: field, value
  Publishes: nothing
  Returns {'saved', version} or {'exists'} (create) / {'missing'} / {'changed'} (change), saving nothing then.
]]
local id, mode, expected, nextDue = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])

local version = redis.call('HGET', KEYS[1], 'version')
if mode == 'create' then
  if version then
    return {'exists'}
  end
  redis.call('HSET', KEYS[1], 'runs', 0)
elseif not version then
  return {'missing'}
elseif version ~= expected then
  return {'changed'}
end

local fields = {}
for i = 5, #ARGV, 2 do
  fields[#fields + 1] = ARGV[i]
  fields[#fields + 1] = ARGV[i + 1]
end
redis.call('HSET', KEYS[1], unpack(fields))
version = redis.call('HINCRBY', KEYS[1], 'version', 1)
local used = redis.call('HMGET', KEYS[1], 'runs', 'maxRuns')
if tonumber(used[2]) and tonumber(used[1] or '0') >= tonumber(used[2]) then
  nextDue = -1
end
if nextDue >= 0 then
  redis.call('HSET', KEYS[1], 'nextDueAt', nextDue)
  redis.call('ZADD', KEYS[2], nextDue, id)
else
  redis.call('HDEL', KEYS[1], 'nextDueAt')
  redis.call('ZREM', KEYS[2], id)
end
return {'saved', version}
