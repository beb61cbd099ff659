--[[
  hand-back: a worker gives jobs it holds back to waiting without spending their attempt, because it will not run
  them: it is shutting down, or a claim reached Redis but its answer did not reach the worker. Entries are named by
  id alone (a lost claim's answer never told the worker which jobs they were); each is checked against the lease.
  An entry pending for this consumer that is not its job's current entry is stale and is acknowledged and deleted.
  KEYS: 1 stream, 2 counts, 3 prioritized stream, 4 prioritized, 5 wake stream
  ARGV: 1 group, 2 consumer, 3 jobPrefix, 4 queue, 5 channel, then per entry: entryId
  Publishes: job events: 'waiting' per job handed back
  Returns {jobs handed back, stale entries dropped}.
]]
--!include clock
--!include events
--!include lease
--!include return-to-waiting

local group, consumer, jobPrefix, queue, channel = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local now = nowMs()
local keys = {stream = KEYS[1], counts = KEYS[2], prioritizedStream = KEYS[3], prioritized = KEYS[4],
  wake = KEYS[5]}
local handed, dropped = 0, 0
for i = 6, #ARGV do
  local entryId = ARGV[i]
  local stream = leaseStream(keys, entryId)
  local mine = redis.call('XPENDING', stream, group, entryId, entryId, 1, consumer)
  if #mine == 1 then
    local entry = redis.call('XRANGE', stream, entryId, entryId)
    local jobId = entry[1] and entry[1][2][2]
    if jobId and holdsLease(jobPrefix .. jobId, consumer, entryId) then
      returnToWaiting(keys, group, jobPrefix .. jobId, jobId, entryId, true)
      handed = handed + 1
      emit({jobId = jobId, state = 'waiting', ts = now})
    else
      settleEntry(stream, group, entryId)
      dropped = dropped + 1
    end
  end
end
publishEvents(channel, queue)
return {handed, dropped}
