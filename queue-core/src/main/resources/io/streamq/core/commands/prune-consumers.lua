--[[
  prune-consumers: deletes the consumers of a group that hold nothing and have been silent for long. Every worker
  (and dlq-service forwarder) start joins under a new name, so without this a group's consumer list grows forever.
  Only a consumer with no pending entry is deleted (deleting one with entries would drop them from recovery); a
  live one deleted after a long quiet spell is created again by its next read.
  KEYS: 1 stream
  ARGV: 1 group, 2 min idle ms, 3 at most this many deleted per call
  Publishes: nothing
  Returns the number of consumers deleted.
]]
local group, minIdle, limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local consumers = redis.pcall('XINFO', 'CONSUMERS', KEYS[1], group)
if type(consumers) == 'table' and consumers.err then
  return 0
end
local deleted = 0
for _, c in ipairs(consumers) do
  if deleted >= limit then
    break
  end
  local info = {}
  for i = 1, #c, 2 do info[c[i]] = c[i + 1] end
  if tonumber(info['pending']) == 0 and tonumber(info['idle']) >= minIdle then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], group, info['name'])
    deleted = deleted + 1
  end
end
return deleted
