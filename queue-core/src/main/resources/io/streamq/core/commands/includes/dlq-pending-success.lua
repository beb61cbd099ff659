-- Successes forwarded before their failure. After a takeover a job's failure record can reach the DLQ after the
-- record of its later success: the job failed for good, the replica that read the failure died before storing it,
-- an owner retried the job and it completed, and another replica forwarded that success first and the failure
-- only after reclaim-idle. dlq-mark-succeeded keeps such a success (id -> finishedAt) until dlq-insert stores the
-- entry; dlq-retention keeps the records within the tombstones' bounds. Needs dlq-keys.
--!include dlq-bounded

-- Keeps the success of a job that has no entry (yet); answers the status dlq-mark-succeeded reports.
local function dlqKeepPendingSuccess(id, finishedAt)
  local key = dlqKey('pending-success')
  local kept = tonumber(redis.call('ZSCORE', key, id))
  if kept == finishedAt then
    return 'duplicate'
  end
  if kept and kept > finishedAt then
    return 'stale'
  end
  redis.call('ZADD', key, finishedAt, id)
  return 'pending'
end

-- The entry of `id` is being stored with its failure at `failedAt`: its pending success goes, and answers its
-- finishedAt when the success came after that failure (else nil: the job failed again after it).
local function dlqTakePendingSuccess(id, failedAt)
  local key = dlqKey('pending-success')
  local finishedAt = tonumber(redis.call('ZSCORE', key, id))
  if not finishedAt then
    return nil
  end
  redis.call('ZREM', key, id)
  return finishedAt > failedAt and finishedAt or nil
end

local function dlqTrimPendingSuccesses(now, maxAgeMs, minAgeMs, maxCount, limit)
  return dlqTrimBounded(dlqKey('pending-success'), function(ids)
    if #ids > 0 then
      redis.call('ZREM', dlqKey('pending-success'), unpack(ids))
    end
    return #ids
  end, now, maxAgeMs, minAgeMs, maxCount, limit)
end
