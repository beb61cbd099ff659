--!include waiting-entry
-- Puts an active job back to waiting under a fresh entry: its lease ends, the old entry is settled and the live
-- counters move. `refund` gives back the attempt the hand-over counted (the job did not really run).
local function returnToWaiting(stream, group, countsKey, jobKey, jobId, entryId, refund)
  settleEntry(stream, group, entryId)
  if refund then
    redis.call('HINCRBY', jobKey, 'attempts', -1)
  end
  redis.call('HDEL', jobKey, 'worker')
  addWaitingEntry(stream, jobKey, jobId)
  redis.call('HINCRBY', countsKey, 'active', -1)
  redis.call('HINCRBY', countsKey, 'waiting', 1)
end
