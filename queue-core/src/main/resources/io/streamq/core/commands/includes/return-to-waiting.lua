--!include waiting-entry
-- Puts an active job back to waiting under a fresh entry (or into the prioritized set): its lease ends, the old entry
-- is settled and the live counters move. `refund` gives back the attempt the hand-over counted (the job did not
-- really run). `keys` names the streams, the prioritized set, counts and the wake stream.
local function returnToWaiting(keys, group, jobKey, jobId, entryId, refund)
  settleLease(keys, group, entryId)
  if refund then
    redis.call('HINCRBY', jobKey, 'attempts', -1)
  end
  redis.call('HDEL', jobKey, 'worker')
  addWaitingEntry(keys, jobKey, jobId)
  redis.call('HINCRBY', keys.counts, 'active', -1)
  redis.call('HINCRBY', keys.counts, 'waiting', 1)
end
