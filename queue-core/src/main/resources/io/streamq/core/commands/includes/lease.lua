-- A job belongs to the consumer named in its hash while it is active. A worker that lost the job
-- to recovery (it stalled and another worker reclaimed it) must not record an outcome for it.
local function holdsLease(jobKey, consumer)
  local owner = redis.call('HMGET', jobKey, 'worker', 'state')
  return owner[1] == consumer and owner[2] == 'active'
end

local function settleEntry(stream, group, entryId)
  redis.call('XACK', stream, group, entryId)
  redis.call('XDEL', stream, entryId)
end
