--[[
  enqueue: new jobs become waiting (or delayed when they have a delay).
  KEYS: 1 sequence, 2 stream, 3 delayed, 4 counts, 5 prioritized, 6 wake stream
  ARGV: 1 queue, 2 jobPrefix, 3 idempotencyPrefix, 4 minutePrefix, 5 channel, 6 job count,
        then per job: name, payload, maxAttempts, delayMs, tenant, workspace, actor, idempotencyKey, priority,
        idempotencyWindowMs, debounce
  ROW: id, outcome, state, createdAt
  Publishes: job events: 'waiting' or 'delayed' per new job (none for a duplicate or a debounced one)
  Returns the rows of the jobs in order, flat, with the fields ROW lists. outcome is 'created', 'duplicate' (the key
  named an earlier job, returned unchanged) or 'debounced' (debounce '1': the earlier job, waiting or delayed,
  took the newer payload).
]]
--!include clock
--!include minute-counters
--!include idempotency
--!include new-job

local queue = {queue = ARGV[1], sequence = KEYS[1], stream = KEYS[2], delayed = KEYS[3], jobPrefix = ARGV[2],
  counts = KEYS[4], prioritized = KEYS[5], wake = KEYS[6]}
local idemPrefix, minutePrefix, channel, count = ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
local now = nowMs()
local out = {}
local created, waiting = 0, 0
local PER_JOB = 11

local function answer(id, outcome, state, createdAt)
  out[#out + 1] = id; out[#out + 1] = outcome; out[#out + 1] = state; out[#out + 1] = createdAt
end

for i = 0, count - 1 do
  local b = 7 + i * PER_JOB
  local job = {name = ARGV[b], payload = ARGV[b + 1], maxAttempts = ARGV[b + 2], delayMs = tonumber(ARGV[b + 3]),
    tenant = ARGV[b + 4], workspace = ARGV[b + 5], actor = ARGV[b + 6], idempotencyKey = ARGV[b + 7],
    priority = ARGV[b + 8]}
  local window, debounce = ARGV[b + 9], ARGV[b + 10] == '1'

  local keyName, prior
  if job.idempotencyKey ~= '' then
    keyName = idempotencyKeyName(idemPrefix, job.tenant, job.idempotencyKey)
    prior = redis.call('GET', keyName)
  end

  local debouncedState = prior and debounce
      and debounceInto(queue.jobPrefix .. prior, queue.delayed, prior, job.payload, job.delayMs, now)
  if debouncedState then
    -- The window restarts with every newer job: the key settles only once the jobs stop coming.
    redis.call('PEXPIRE', keyName, window)
    answer(prior, 'debounced', debouncedState, redis.call('HGET', queue.jobPrefix .. prior, 'createdAt'))
  elseif prior and not debounce then
    local existing = redis.call('HMGET', queue.jobPrefix .. prior, 'state', 'createdAt')
    answer(prior, 'duplicate', existing[1] or 'removed', existing[2] or 0)
  else
    local id, state = createJob(queue, job, now)
    if keyName then
      redis.call('SET', keyName, id, 'PX', window)
    end
    if state == 'waiting' then
      waiting = waiting + 1
    end
    created = created + 1
    answer(id, 'created', state, now)
  end
end

if waiting > 0 then
  redis.call('HINCRBY', KEYS[4], 'waiting', waiting)
end
bumpMinute(minutePrefix, now, 'enqueued', created)
publishEvents(channel, queue.queue)
return out
