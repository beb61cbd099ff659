--[[
  enqueue: new jobs become waiting (or delayed when they have a delay).
  KEYS: 1 sequence, 2 stream, 3 delayed, 4 counts
  ARGV: 1 queue, 2 jobPrefix, 3 idempotencyPrefix, 4 minutePrefix, 5 idempotency TTL ms, 6 channel, 7 job count,
        then per job: name, payload, maxAttempts, delayMs, tenant, workspace, actor, idempotencyKey
  Publishes: job events: 'waiting' or 'delayed' per new job (none for a duplicate)
  Returns per job: id, duplicate (0/1), state, createdAt.
]]
--!include clock
--!include events
--!include minute-counters
--!include job-payload
--!include waiting-entry

local queue, jobPrefix, idemPrefix, minutePrefix = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local idemTtl, channel, count = tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7])
local now = nowMs()
local out = {}
local created, waiting = 0, 0

for i = 0, count - 1 do
  local b = 8 + i * 8
  local name, payload, maxAttempts, delayMs = ARGV[b], ARGV[b + 1], ARGV[b + 2], tonumber(ARGV[b + 3])
  local tenant, workspace, actor, idemKey = ARGV[b + 4], ARGV[b + 5], ARGV[b + 6], ARGV[b + 7]

  local prior = false
  local idemFullKey
  if idemKey ~= '' then
    -- The tenant's length first: tenant and key may both contain ':', and ('a', 'b:c') must not meet ('a:b', 'c').
    idemFullKey = idemPrefix .. #tenant .. ':' .. tenant .. ':' .. idemKey
    prior = redis.call('GET', idemFullKey)
  end

  if prior then
    local existing = redis.call('HMGET', jobPrefix .. prior, 'state', 'createdAt')
    out[#out + 1] = {prior, 1, existing[1] or 'removed', existing[2] or 0}
  else
    local id = queue .. '-' .. redis.call('INCR', KEYS[1])
    local state = 'waiting'
    local fields = {'name', name, 'attempts', 0, 'maxAttempts', maxAttempts,
      'createdAt', now, 'tenant', tenant, 'workspace', workspace}
    if actor ~= '' then
      fields[#fields + 1] = 'actor'; fields[#fields + 1] = actor
    end
    if idemFullKey then
      fields[#fields + 1] = 'idempotencyKey'; fields[#fields + 1] = idemKey
      redis.call('SET', idemFullKey, id, 'PX', idemTtl)
    end
    local jobKey = jobPrefix .. id
    if delayMs > 0 then
      state = 'delayed'
      fields[#fields + 1] = 'dueAt'; fields[#fields + 1] = now + delayMs
      fields[#fields + 1] = 'state'; fields[#fields + 1] = state
      redis.call('HSET', jobKey, unpack(fields))
      redis.call('ZADD', KEYS[3], now + delayMs, id)
    else
      redis.call('HSET', jobKey, unpack(fields))
      addWaitingEntry(KEYS[2], jobKey, id)
      waiting = waiting + 1
    end
    redis.call('SET', payloadKey(jobKey), payload)
    created = created + 1
    emit({jobId = id, name = name, state = state, attempt = 0, ts = now})
    out[#out + 1] = {id, 0, state, now}
  end
end

if waiting > 0 then
  redis.call('HINCRBY', KEYS[4], 'waiting', waiting)
end
bumpMinute(minutePrefix, now, 'enqueued', created)
publishEvents(channel, queue)
return out
