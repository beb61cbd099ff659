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

-- A job of priority 5 holds its lease through an entry of the queue's stream, any other through an entry of the
-- prioritized stream, added when it is claimed. That stream's ids are 0-<n> (XADD 0-*), below every id '*' gives, so
-- an entry id alone names its stream, and the two pending lists read as one ordered list (reclaim, the active listing).
-- `keys` names both streams.
local function isPrioritizedEntry(entryId)
  return string.sub(entryId, 1, 2) == '0-'
end

local function leaseStream(keys, entryId)
  if isPrioritizedEntry(entryId) then
    return keys.prioritizedStream
  end
  return keys.stream
end

local function settleLease(keys, group, entryId)
  settleEntry(leaseStream(keys, entryId), group, entryId)
end
