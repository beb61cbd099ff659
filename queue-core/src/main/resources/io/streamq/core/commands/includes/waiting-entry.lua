-- A waiting job has exactly one stream entry, and its id is kept on the job (`entry`): claim hands over only that
-- entry (any other entry naming the job is a stray and is dropped), and remove-job deletes it directly.
local function addWaitingEntry(stream, jobKey, jobId)
  local entryId = redis.call('XADD', stream, '*', 'j', jobId)
  redis.call('HSET', jobKey, 'state', 'waiting', 'entry', entryId)
  return entryId
end
