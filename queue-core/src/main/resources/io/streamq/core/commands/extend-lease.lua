--[[
  extend-lease: a live worker resets the idle time of the entries it is still running, so recovery only reclaims
  jobs of workers that stopped. Only entries this consumer still holds (the job is active under this consumer and
  this entry) are renewed; the others belong to another worker now, or to an earlier attempt.
  KEYS: 1 stream
  ARGV: 1 group, 2 consumer, 3 jobPrefix, then per job: entryId, jobId
  Publishes: nothing
  Returns the entry ids whose lease was renewed.
]]
--!include lease
--!include slices

local group, consumer, jobPrefix = ARGV[1], ARGV[2], ARGV[3]
local held = {}
for i = 4, #ARGV, 2 do
  if holdsLease(jobPrefix .. ARGV[i + 1], consumer, ARGV[i]) then
    held[#held + 1] = ARGV[i]
  end
end
forSlices(#held, function(first, last)
  -- Built as one list: a Lua call expands unpack() into all its values only as the last argument.
  local claim = {'XCLAIM', KEYS[1], group, consumer, 0}
  for i = first, last do
    claim[#claim + 1] = held[i]
  end
  claim[#claim + 1] = 'JUSTID'
  redis.call(unpack(claim))
end)
return held
