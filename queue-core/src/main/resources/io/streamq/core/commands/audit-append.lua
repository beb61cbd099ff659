--[[
  audit-append: append one audit or data-access entry and keep the stream bounded both by count and by age, in one
  round trip. XADD takes one trim strategy only, so the age bound is a second XTRIM with MINID (stream ids start
  with the Redis clock in ms). '~' lets Redis trim whole macro nodes: cheap, and never keeps less than asked. An
  entry's time is its id's millisecond part, so a query by time range and the time it shows always agree.
  KEYS: 1 stream
  ARGV: 1 max entries, 2 retention ms, then per field: field, value
  Publishes: nothing (the entry it appends is the audit record)
  Returns the entry id.
]]
--!include clock

local now = nowMs()
local fields = {}
for i = 3, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(fields))
redis.call('XTRIM', KEYS[1], 'MINID', '~', now - tonumber(ARGV[2]))
return id
