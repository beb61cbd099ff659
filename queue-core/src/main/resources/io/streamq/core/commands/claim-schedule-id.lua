--[[
  claim-schedule-id: takes a schedule id for a queue in the id index, which keeps ids unique across queues. A free
  id is taken at once. A taken one only when the caller names the entry it read (compare-and-set) and that entry is
  older than the grace: the caller found no schedule behind it, and an entry that young may belong to a create still
  writing its schedule, which a takeover would leave unfindable.
  KEYS: 1 id index
  ARGV: 1 id, 2 queue, 3 expected entry ('' when the id must be free), 4 grace ms
  Publishes: nothing
  Returns {1, entry} when this call took the id (entry: '<queue>|<µs since epoch>', unique per claim), else
  {0, the entry in place}.
]]
local id, queue, expected, graceMs = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local t = redis.call('TIME')
local nowUs = tonumber(t[1]) * 1000000 + tonumber(t[2])
local current = redis.call('HGET', KEYS[1], id)
if current then
  if current ~= expected then
    return {0, current}
  end
  -- An entry of an older release holds the queue alone: it counts as claimed long ago.
  local claimedUs = tonumber(string.match(current, '|(%d+)$') or '0')
  if nowUs - claimedUs < graceMs * 1000 then
    return {0, current}
  end
end
-- %.0f: Lua's own number-to-string conversion would write the 16 digits in exponent form.
local entry = queue .. '|' .. string.format('%.0f', nowUs)
redis.call('HSET', KEYS[1], id, entry)
return {1, entry}
