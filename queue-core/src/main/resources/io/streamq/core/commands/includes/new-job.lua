--!include events
--!include job-payload
--!include waiting-entry
-- Creates one job: its hash and payload, and a stream entry (waiting) or a place in the delayed index (delayed).
-- `q` names the queue: queue, sequence, stream, delayed, jobPrefix. `job` holds name, payload, maxAttempts,
-- delayMs (number), tenant, workspace, actor, idempotencyKey and priority ('' for each one absent). The hash keeps
-- `priority` only when it is not the default, so default jobs cost what they did before priorities existed.
-- The caller counts waiting jobs and minute facts, once per batch. Answers the new job's id and state.
local DEFAULT_PRIORITY = '5'

local function createJob(q, job, now)
  local id = q.queue .. '-' .. redis.call('INCR', q.sequence)
  local jobKey = q.jobPrefix .. id
  local fields = {'name', job.name, 'attempts', 0, 'maxAttempts', job.maxAttempts,
    'createdAt', now, 'tenant', job.tenant, 'workspace', job.workspace}
  local function add(field, value)
    if value ~= '' then
      fields[#fields + 1] = field; fields[#fields + 1] = value
    end
  end
  add('actor', job.actor)
  add('idempotencyKey', job.idempotencyKey)
  if job.priority ~= DEFAULT_PRIORITY then
    add('priority', job.priority)
  end
  local state = 'waiting'
  if job.delayMs > 0 then
    state = 'delayed'
    add('dueAt', now + job.delayMs)
    add('state', state)
    redis.call('HSET', jobKey, unpack(fields))
    redis.call('ZADD', q.delayed, now + job.delayMs, id)
  else
    redis.call('HSET', jobKey, unpack(fields))
    addWaitingEntry(q.stream, jobKey, id)
  end
  redis.call('SET', payloadKey(jobKey), job.payload)
  emit({jobId = id, name = job.name, state = state, attempt = 0, ts = now})
  return id, state
end
