-- A job belongs to one consumer through one stream entry while it is active: the lease is the `worker` and `entry`
-- fields of its hash. Only that consumer, for that entry, may record an outcome or extend the lease: a worker that
-- lost the job to recovery, or an entry left over from an earlier attempt, must change nothing.
local function holdsLease(jobKey, consumer, entryId)
  local lease = redis.call('HMGET', jobKey, 'state', 'worker', 'entry')
  return lease[1] == 'active' and lease[2] == consumer and lease[3] == entryId
end

local function settleEntry(stream, group, entryId)
  redis.call('XACK', stream, group, entryId)
  redis.call('XDEL', stream, entryId)
end
