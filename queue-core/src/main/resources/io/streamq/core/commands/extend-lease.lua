--[[
  extend-lease: a live worker resets the idle time of the entries it is still running, so recovery
  only reclaims jobs of workers that stopped. Entries whose job this consumer no longer holds are
  left alone (another worker owns them now).
  KEYS: 1 stream
  ARGV: 1 group, 2 consumer, 3 jobPrefix, then pairs: entryId, jobId
  Returns how many leases were extended.
]]
--!include lease

local group, consumer, jobPrefix = ARGV[1], ARGV[2], ARGV[3]
local held = {}
for i = 4, #ARGV, 2 do
  if holdsLease(jobPrefix .. ARGV[i + 1], consumer) then
    held[#held + 1] = ARGV[i]
  end
end
if #held > 0 then
  redis.call('XCLAIM', KEYS[1], group, consumer, 0, unpack(held), 'JUSTID')
end
return #held
