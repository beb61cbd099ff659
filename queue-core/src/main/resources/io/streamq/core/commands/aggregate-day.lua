--[[
  aggregate-day: rolls one UTC day up into a JSON summary, stored next to the day's counters.
  KEYS: 1 day counts, 2 day properties, 3 day summary
  ARGV: 1 day (yyyy-mm-dd), 2 summary TTL s, 3 top properties kept per event
  Returns the summary JSON: {date, totalEvents, distinctEvents, events: [{event, count, topProperties: [{property,
  value, count}]}]} with events ordered by count, then name.
]]
local day, ttl, top = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local counts = redis.call('HGETALL', KEYS[1])
local props = redis.call('HGETALL', KEYS[2])

local byEvent, events, total = {}, {}, 0
for i = 1, #counts, 2 do
  local e = {event = counts[i], count = tonumber(counts[i + 1]), topProperties = {}}
  byEvent[counts[i]] = e
  events[#events + 1] = e
  total = total + e.count
end
for i = 1, #props, 2 do
  local field, n = props[i], tonumber(props[i + 1])
  local bar = string.find(field, '|', 1, true)
  if bar then
    local e = byEvent[string.sub(field, 1, bar - 1)]
    if e then
      local pv = string.sub(field, bar + 1)
      local eq = string.find(pv, '=', 1, true)
      local entry = {property = pv, count = n}
      if eq then
        entry = {property = string.sub(pv, 1, eq - 1), value = string.sub(pv, eq + 1), count = n}
      end
      local list = e.topProperties
      list[#list + 1] = entry
    end
  end
end
local function byCount(a, b)
  if a.count ~= b.count then return a.count > b.count end
  return (a.event or a.property .. '=' .. (a.value or '')) < (b.event or b.property .. '=' .. (b.value or ''))
end
table.sort(events, byCount)
for _, e in ipairs(events) do
  table.sort(e.topProperties, byCount)
  local kept = {}
  for i = 1, math.min(top, #e.topProperties) do kept[i] = e.topProperties[i] end
  e.topProperties = kept
end

local summary = cjson.encode({date = day, totalEvents = total, distinctEvents = #events, events = events})
-- cjson writes an empty Lua table as {}; these are lists.
summary = string.gsub(summary, '"topProperties":{}', '"topProperties":[]')
summary = string.gsub(summary, '"events":{}', '"events":[]')
redis.call('SET', KEYS[3], summary, 'EX', ttl)
return summary
