--!include job-payload
-- An idempotency key names at most one job of a tenant while its window lasts. The tenant's length comes first:
-- tenant and key may both contain ':', and ('a', 'b:c') must not meet ('a:b', 'c').
local function idempotencyKeyName(prefix, tenant, key)
  return prefix .. #tenant .. ':' .. tenant .. ':' .. key
end

-- Debounce: a newer job with the key of a job that is waiting or delayed replaces that job's payload (and, when it
-- asks for a delay and the job is delayed, restarts the delay) instead of being dropped. That includes a job waiting
-- for a retry: its next attempt runs the newest payload. A job that is running, finished or was removed cannot take
-- the newer payload, so the caller creates a new job then.
-- Answers the earlier job's state when it took the newer payload, nil otherwise.
local function debounceInto(jobKey, delayedKey, jobId, payload, delayMs, now)
  local state = redis.call('HGET', jobKey, 'state')
  if state ~= 'waiting' and state ~= 'delayed' then
    return nil
  end
  redis.call('SET', payloadKey(jobKey), payload)
  if state == 'delayed' and delayMs > 0 then
    redis.call('ZADD', delayedKey, 'XX', now + delayMs, jobId)
    redis.call('HSET', jobKey, 'dueAt', now + delayMs)
  end
  return state
end
