-- What every failed attempt records, whether it is retried or goes to the DLQ: the entry is settled,
-- the error kept on the job, the job leaves `active`, and the raw facts for metrics are written.
-- Needs the clock, lease, minute-counters and failure-reasons includes; `keys` names both streams (see lease).
-- `failureKeys` names the reason hashes and index (see failure-reasons).
local function recordFailedAttempt(keys, group, entryId, jobKey, countsKey, ptimesKey, failureKeys, minutePrefix,
                                   now, durationMs, code, name, message, stack)
  settleLease(keys, group, entryId)
  redis.call('HSETNX', jobKey, 'firstFailedAt', now)
  redis.call('HSET', jobKey, 'lastFailedAt', now, 'durationMs', durationMs, 'errorCode', code,
    'errorName', name, 'errorMessage', message, 'errorStack', stack)
  redis.call('HINCRBY', countsKey, 'active', -1)
  redis.call('LPUSH', ptimesKey, durationMs)
  redis.call('LTRIM', ptimesKey, 0, 999)
  recordFailureReason(failureKeys, jobKey, code, message, now)
  bumpMinute(minutePrefix, now, 'failedAttempts', 1)
end
