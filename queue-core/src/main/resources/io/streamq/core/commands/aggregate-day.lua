--[[
  aggregate-day: one bounded step of rolling a UTC day up: its totals and its top events with their top properties.
  A step reads at most about `batch` fields of a day hash (HSCAN), so no call holds Redis for long whatever the size
  of the day; the caller repeats with the step and cursor each call answers until 'done'. The run's state lives in
  work keys of its own (each refreshed to `work TTL` by every step), and a field that HSCAN returns twice (the hash
  grew during the run) counts once: the state keeps the last count seen per field.
  Steps: 'events' scans the day's counts into a zset of the named events and a total; at the end it picks the listed
  top events. 'props' scans the breakdown into one zset per listed event. 'finish' ranks the properties of each listed
  event, answers at most `top events` x `top properties` entries and drops the work keys. The caller composes and
  stores the summary, so Redis spends no time encoding JSON.
  KEYS: 1 day counts, 2 day properties, 3 named events (work zset), 4 listed events (work zset),
        5 totals (work hash)
  ARGV: 1 step, 2 cursor, 3 batch, 4 top events, 5 top properties per event, 6 work TTL s,
        7 properties prefix (of the work zsets of one event's properties; the event name is appended)
  Publishes: nothing
  Returns {next step, cursor}, or from 'finish' {'done', total events ('~other' included), named events, events
  counted in '~other', property values counted in '~other', listed events}: each listed event {name, count, property
  fields not listed, {'<property>=<value>', count, ...}}; events and properties by count, then name.
]]
local OTHER = '~other'
local step, cursor, batch = ARGV[1], ARGV[2], tonumber(ARGV[3])
local topEvents, topProperties, workTtl, propsPrefix = tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6], ARGV[7]
local named, listed, totals = KEYS[3], KEYS[4], KEYS[5]

if not (step == 'events' and cursor == '0') and redis.call('EXISTS', totals) == 0 then
  return redis.error_reply('ERR aggregate-day: the run\'s work state expired between steps')
end

-- a ranks before b: the higher count, then the lower name, so that ties have one order.
local function before(a, b)
  if a.count ~= b.count then return a.count > b.count end
  return a.key < b.key
end

-- The n best members of a zset as {key, count}, best first: O(log size + n). A zset orders equal scores by member,
-- so the ties at the n-th score are taken from the low end of their band.
local function best(zset, n)
  if n <= 0 then return {} end
  local found = redis.call('ZRANGE', zset, n - 1, n - 1, 'REV', 'WITHSCORES')
  local rows
  if #found == 0 then
    rows = redis.call('ZRANGE', zset, 0, -1, 'WITHSCORES')
  else
    local floor = found[2]
    rows = redis.call('ZRANGE', zset, '+inf', '(' .. floor, 'BYSCORE', 'REV', 'WITHSCORES')
    local tied = redis.call('ZRANGE', zset, floor, floor, 'BYSCORE', 'LIMIT', 0, n - #rows / 2, 'WITHSCORES')
    for _, v in ipairs(tied) do rows[#rows + 1] = v end
  end
  local items = {}
  for i = 1, #rows, 2 do items[#items + 1] = {key = rows[i], count = tonumber(rows[i + 1])} end
  table.sort(items, before)
  return items
end

local function scan(hash)
  local reply = redis.call('HSCAN', hash, cursor, 'COUNT', batch)
  return reply[1], reply[2]
end

if step == 'events' then
  local nextCursor, fields = scan(KEYS[1])
  local added = 0
  for i = 1, #fields, 2 do
    local name, n = fields[i], tonumber(fields[i + 1])
    if name == OTHER then
      added = added + n - tonumber(redis.call('HGET', totals, 'otherEvents') or '0')
      redis.call('HSET', totals, 'otherEvents', n)
    else
      added = added + n - tonumber(redis.call('ZSCORE', named, name) or '0')
      redis.call('ZADD', named, n, name)
    end
  end
  redis.call('HINCRBY', totals, 'total', added)
  redis.call('EXPIRE', totals, workTtl)
  redis.call('EXPIRE', named, workTtl)
  if nextCursor ~= '0' then
    return {'events', nextCursor}
  end
  for _, e in ipairs(best(named, topEvents)) do
    redis.call('ZADD', listed, e.count, e.key)
  end
  redis.call('EXPIRE', listed, workTtl)
  return {'props', '0'}
end

if step == 'props' then
  local isListed = {}
  for _, name in ipairs(redis.call('ZRANGE', listed, 0, -1)) do isListed[name] = true end
  local nextCursor, fields = scan(KEYS[2])
  local touched = {}
  for i = 1, #fields, 2 do
    local field = fields[i]
    if field == OTHER then
      redis.call('HSET', totals, 'otherProperties', fields[i + 1])
    else
      local bar = string.find(field, '|', 1, true)
      local event = bar and string.sub(field, 1, bar - 1)
      if event and isListed[event] then
        redis.call('ZADD', propsPrefix .. event, fields[i + 1], string.sub(field, bar + 1))
        touched[event] = true
      end
    end
  end
  for event in pairs(touched) do redis.call('EXPIRE', propsPrefix .. event, workTtl) end
  for _, key in ipairs({totals, named, listed}) do redis.call('EXPIRE', key, workTtl) end
  return {nextCursor == '0' and 'finish' or 'props', nextCursor}
end

if step ~= 'finish' then
  return redis.error_reply('ERR aggregate-day: unknown step ' .. step)
end
local sums = redis.call('HMGET', totals, 'total', 'otherEvents', 'otherProperties')
local events = {}
for i, e in ipairs(best(listed, topEvents)) do
  local props = propsPrefix .. e.key
  local kept = {}
  for _, p in ipairs(best(props, topProperties)) do
    kept[#kept + 1] = p.key
    kept[#kept + 1] = p.count
  end
  events[i] = {e.key, e.count, redis.call('ZCARD', props) - #kept / 2, kept}
  redis.call('UNLINK', props)
end
local distinct = redis.call('ZCARD', named)
redis.call('UNLINK', totals, named, listed)
return {'done', tonumber(sums[1] or '0'), distinct, tonumber(sums[2] or '0'), tonumber(sums[3] or '0'), events}
