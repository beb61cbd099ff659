--[[
  dlq-insert: store a batch of dead-letter records forwarded from the queues' dead streams, idempotently.
  The entry id is the original job id. A job that was replayed and failed again comes back as the same entry:
  its error, lastFailedAt and attemptsMade are updated; firstFailedAt and history are kept, replayCount becomes the
  larger of the stored one and the record's (isReplayed follows it), and a success recorded before this failure no
  longer holds (replaySucceededAt goes).
  Changes nothing for a record already stored (same id, same lastFailedAt: a repeated forward), an older record than
  the one stored (a late duplicate), or a record of an entry an owner deleted (its tombstone holds the lastFailedAt
  the entry had; a later failure is new and is stored, and the tombstone goes).
  A new entry takes the job's pending success (dlq-mark-succeeded kept it: the success was forwarded first) when the
  success came after this failure: replaySucceededAt and a 'succeeded' history event, as if marked after it.
  Every record, and the type of its entry key, is checked before the first write, so a bad one cannot leave the
  batch half-written (a failure inside Redis itself, such as running out of memory, still can).
  Indexes and analytics counters change in the same call, so they always match the entries; they are gathered over
  the batch and applied at the end (includes/dlq-batch.lua).
  KEYS: 1 idx:all, 2 stats
  ARGV: 1 root, 2 channel, 3 hour bucket ttl ms, 4 max entries (0: no bound), 5 record count (at most 50),
        then per record: id, queue, name, errorName, errorMessage, errorStack, errorCode,
        firstFailedAt, lastFailedAt, attemptsMade, payload, tenantId, workspaceId, actorId, replayCount,
        fingerprint, example (the error message cut to 500 characters)
  Publishes: DLQ events: 'added' per record stored (new or updated), 'succeeded' when a new entry takes a
             pending success, 'expired' (with the count) when the count bound dropped entries
  Returns one status per record ('added', 'updated', 'duplicate', 'stale', 'deleted'), then the number of entries
  the count bound dropped: at most as many as the batch holds, so a call stays short; dlq-retention drops the rest.
]]
--!include clock
--!include events
--!include dlq-keys
--!include dlq-validate
--!include dlq-batch
--!include dlq-remove
--!include dlq-history
--!include dlq-tombstones
--!include dlq-pending-success

-- The values of each record, named as the docblock lists them.
local RECORD = {'id', 'queue', 'name', 'errorName', 'errorMessage', 'errorStack', 'errorCode', 'firstFailedAt',
  'lastFailedAt', 'attemptsMade', 'payload', 'tenantId', 'workspaceId', 'actorId', 'replayCount', 'fingerprint',
  'example'}
if not (dlqIsCount(ARGV[3]) and dlqIsCount(ARGV[4]) and dlqIsCount(ARGV[5])) then
  return redis.error_reply('ERR dlq-insert: invalid header arguments')
end
local hourTtlMs, maxEntries, n = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
-- id, queue, name, errorCode, fingerprint name keys; the times and counts are summed and compared.
local bad = dlqInvalidRecords(6, n, RECORD, {'id', 'queue', 'name', 'errorCode', 'fingerprint'},
  {'firstFailedAt', 'lastFailedAt', 'attemptsMade', 'replayCount'})
if bad then
  return redis.error_reply('ERR dlq-insert: invalid ' .. bad)
end

-- A key of another type would fail the call half-way, after earlier entries of the batch were written but before
-- their indexes were (they are applied at the end): a retry would then call them duplicates and never index them.
for i = 0, n - 1 do
  local id = dlqRecord(6, i, RECORD).id
  local kind = redis.call('TYPE', dlqEntryKey(id))['ok']
  if kind ~= 'none' and kind ~= 'hash' then
    return redis.error_reply('ERR dlq-insert: the entry key of ' .. id .. ' holds a ' .. kind)
  end
end

local batch = dlqBatch()
local examples, unburied = {}, {}
local firstSec, duplicates = 0, 0
local results = {}
for i = 0, n - 1 do
  local r = dlqRecord(6, i, RECORD)
  local id, queue, name = r.id, r.queue, r.name
  local errorName, message, stack, code = r.errorName, r.errorMessage, r.errorStack, r.errorCode
  local firstFailedAt, lastFailedAt = tonumber(r.firstFailedAt), tonumber(r.lastFailedAt)
  local attempts, payload = r.attemptsMade, r.payload
  local tenant, workspace, actor = r.tenantId, r.workspaceId, r.actorId
  local replayCount, fingerprint, example = tonumber(r.replayCount), r.fingerprint, r.example
  local key = dlqEntryKey(id)
  local old = redis.call('HMGET', key, 'lastFailedAt', 'errorCode', 'fingerprint', 'replayCount', 'history',
    'originalQueue', 'replaySucceededAt')
  local buriedAt = not old[1] and dlqBuriedAt(id)
  local status
  if old[1] and tonumber(old[1]) == lastFailedAt then
    status = 'duplicate'
  elseif old[1] and tonumber(old[1]) > lastFailedAt then
    status = 'stale'
  elseif buriedAt and lastFailedAt <= buriedAt then
    status = 'deleted'
  else
    local event = {event = 'failed', at = lastFailedAt, errorCode = code, attempts = tonumber(attempts)}
    local succeededAt
    if old[1] then
      -- Failed again after a replay: move the entry from its old error and hour to the new ones.
      queue = old[6]
      dlqCount(batch, 'count:code', old[2], -1)
      dlqCount(batch, 'count:reason', old[3], -1)
      dlqHour(batch, old[1], queue, -1)
      dlqIndex(batch, 'idx:code:' .. old[2], id, false)
      replayCount = math.max(replayCount, tonumber(old[4]) or 0)
      -- The record of a replayed job carries its replay number; the replay's own mark may never have run.
      redis.call('HSET', key, 'errorName', errorName, 'errorMessage', message, 'errorStack', stack,
        'errorCode', code, 'lastFailedAt', lastFailedAt, 'attemptsMade', attempts, 'payload', payload,
        'fingerprint', fingerprint, 'replayCount', replayCount, 'isReplayed', replayCount > 0 and 1 or 0,
        'history', dlqWithEvent(dlqHistory(old[5]), event))
      -- A success forwarded late may be newer than this failure; only an older one is superseded.
      if old[7] and tonumber(old[7]) < lastFailedAt then
        redis.call('HDEL', key, 'replaySucceededAt')
      end
      status = 'updated'
    else
      if buriedAt then
        unburied[#unburied + 1] = id
      end
      succeededAt = dlqTakePendingSuccess(id, lastFailedAt)
      redis.call('HSET', key, 'originalQueue', queue, 'originalJobId', id, 'originalJobName', name,
        'errorName', errorName, 'errorMessage', message, 'errorStack', stack, 'errorCode', code,
        'firstFailedAt', firstFailedAt, 'lastFailedAt', lastFailedAt, 'attemptsMade', attempts,
        'isReplayed', replayCount > 0 and 1 or 0, 'replayCount', replayCount, 'lastReplayedAt', '',
        'payload', payload, 'tenantId', tenant, 'workspaceId', workspace, 'actorId', actor,
        'fingerprint', fingerprint, 'history', succeededAt
          and dlqWithEvent({event}, {event = 'succeeded', at = succeededAt})
          or dlqWithEvent({}, event))
      if succeededAt then
        redis.call('HSET', key, 'replaySucceededAt', succeededAt)
      end
      dlqCount(batch, 'count:queue', queue, 1)
      dlqCount(batch, 'count:name', name, 1)
      firstSec = firstSec + dlqSeconds(firstFailedAt)
      status = 'added'
    end
    dlqCount(batch, 'count:code', code, 1)
    dlqCount(batch, 'count:reason', fingerprint, 1)
    examples[fingerprint] = example
    dlqHour(batch, lastFailedAt, queue, 1)
    dlqIndex(batch, 'idx:replays', id, replayCount)
    dlqIndex(batch, 'idx:replays:' .. queue, id, replayCount)
    dlqIndex(batch, 'idx:all', id, lastFailedAt)
    dlqIndex(batch, 'idx:queue:' .. queue, id, lastFailedAt)
    dlqIndex(batch, 'idx:name:' .. name, id, lastFailedAt)
    dlqIndex(batch, 'idx:code:' .. code, id, lastFailedAt)
    emit({type = 'added', id = id, originalQueue = queue, jobName = name, errorCode = code, ts = lastFailedAt,
      again = status == 'updated', replayCount = replayCount})
    if succeededAt then
      emit({type = 'succeeded', id = id, originalQueue = queue, jobName = name, replayCount = replayCount,
        ts = succeededAt})
    end
  end
  if status == 'duplicate' or status == 'stale' or status == 'deleted' then
    duplicates = duplicates + 1
  end
  results[#results + 1] = status
end

dlqApply(batch, hourTtlMs)
dlqUnbury(unburied)
-- An example for each reason this batch counts in; a reason it added and took away again gets none.
local reasons = {}
for fingerprint, example in pairs(examples) do
  if batch.counts['count:reason'][fingerprint] > 0 then
    reasons[#reasons + 1] = fingerprint
    reasons[#reasons + 1] = example
  end
end
if #reasons > 0 then
  redis.call('HSET', dlqKey('reason:example'), unpack(reasons))
end
if firstSec > 0 then
  redis.call('HINCRBY', KEYS[2], 'sumFirstFailedSec', firstSec)
end
if duplicates > 0 then
  redis.call('HINCRBY', KEYS[2], 'duplicates', duplicates)
end

-- The count bound is kept on every insert (it drops as many as the batch could add); the age bound, and whatever
-- is left beyond the count bound, is the periodic dlq-retention's job.
local dropped = dlqDropBeyondCount(maxEntries, n)
if dropped > 0 then
  redis.call('HINCRBY', KEYS[2], 'retentionDropped', dropped)
  emit({type = 'expired', count = dropped, ts = nowMs()})
end
publishEvents(ARGV[2], 'dlq')
results[#results + 1] = dropped
return results
