--[[
  extend-lease: a live worker resets the idle time of the entries it is still running, so recovery only reclaims
  jobs of workers that stopped. Only entries this consumer still holds (the job is active under this consumer and
  this entry) are renewed; the others belong to another worker now, or to an earlier attempt.
  KEYS: 1 stream, 2 prioritized stream
  ARGV: 1 group, 2 consumer, 3 jobPrefix, then per job: entryId, jobId
  Publishes: nothing
  Returns the entry ids whose lease was renewed.
]]
--!include lease
--!include slices

local group, consumer, jobPrefix = ARGV[1], ARGV[2], ARGV[3]
local keys = {stream = KEYS[1], prioritizedStream = KEYS[2]}
local held, byStream = {}, {[KEYS[1]] = {}, [KEYS[2]] = {}}
for i = 4, #ARGV, 2 do
  if holdsLease(jobPrefix .. ARGV[i + 1], consumer, ARGV[i]) then
    held[#held + 1] = ARGV[i]
    local entries = byStream[leaseStream(keys, ARGV[i])]
    entries[#entries + 1] = ARGV[i]
  end
end
for stream, entries in pairs(byStream) do
  forSlices(#entries, function(first, last)
    -- Built as one list: a Lua call expands unpack() into all its values only as the last argument.
    local claim = {'XCLAIM', stream, group, consumer, 0}
    for i = first, last do
      claim[#claim + 1] = entries[i]
    end
    claim[#claim + 1] = 'JUSTID'
    redis.call(unpack(claim))
  end)
end
return held
