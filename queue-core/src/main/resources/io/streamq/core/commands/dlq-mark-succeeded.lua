--[[
  dlq-mark-succeeded: a dead-lettered job ran again (a replay, or an owner's retry) and succeeded; complete.lua
  handed a `dlq.job-succeeded` record to the queue's dead stream. The entry records when (replaySucceededAt) and a
  'succeeded' history event; dlq-service refuses to replay it from then on, even once the queue's retention has
  removed the job. The entry stays (its failure history is what an owner looks at).
  Idempotent like dlq-insert: a repeated forward changes nothing ('duplicate'); a success no newer than the entry's
  last failure (the job failed again after it, and that failure was stored first) or than the success already
  recorded changes nothing ('stale'). A record of a job with no entry is kept as a pending success ('pending'):
  its failure can still be on its way, and dlq-insert applies it then (includes/dlq-pending-success.lua); a repeated
  or older one changes nothing ('duplicate', 'stale').
  If the job fails again later, dlq-insert drops replaySucceededAt (that failure is newer), so the entry is an
  ordinary failed one again.
  KEYS: 1 stats
  ARGV: 1 root, 2 channel, 3 record count (at most 100), then per record: id, finishedAt, attemptsMade
  Publishes: DLQ events: 'succeeded' per entry marked
  Returns one status per record: 'succeeded', 'pending', 'duplicate' or 'stale'.
]]
--!include events
--!include dlq-keys
--!include dlq-validate
--!include dlq-history
--!include dlq-pending-success

-- The values of each record, named as the docblock lists them.
local RECORD = {'id', 'finishedAt', 'attemptsMade'}
if not dlqIsCount(ARGV[3]) then
  return redis.error_reply('ERR dlq-mark-succeeded: invalid record count')
end
local n = tonumber(ARGV[3])
local bad = dlqInvalidRecords(4, n, RECORD, {'id'}, {'finishedAt', 'attemptsMade'})
if bad then
  return redis.error_reply('ERR dlq-mark-succeeded: invalid ' .. bad)
end

local results = {}
for i = 0, n - 1 do
  local r = dlqRecord(4, i, RECORD)
  local id, finishedAt, attempts = r.id, tonumber(r.finishedAt), tonumber(r.attemptsMade)
  local key = dlqEntryKey(id)
  local f = redis.call('HMGET', key, 'originalQueue', 'lastFailedAt', 'replaySucceededAt', 'history',
    'originalJobName', 'replayCount')
  local status
  if not f[1] then
    status = dlqKeepPendingSuccess(id, finishedAt)
  elseif f[3] and tonumber(f[3]) == finishedAt then
    status = 'duplicate'
  elseif tonumber(f[2]) >= finishedAt or (f[3] and tonumber(f[3]) > finishedAt) then
    status = 'stale'
  else
    redis.call('HSET', key, 'replaySucceededAt', finishedAt,
      'history', dlqWithEvent(dlqHistory(f[4]), {event = 'succeeded', at = finishedAt, attempts = attempts}))
    emit({type = 'succeeded', id = id, originalQueue = f[1], jobName = f[5], replayCount = tonumber(f[6]),
      ts = finishedAt})
    status = 'succeeded'
  end
  if status == 'duplicate' then
    redis.call('HINCRBY', KEYS[1], 'duplicates', 1)
  end
  results[#results + 1] = status
end
publishEvents(ARGV[2], 'dlq')
return results
