--[[
  fire-schedule: a schedule's due time enqueues its job (new → waiting) and moves the schedule to its next due time,
  in one step. However many workers fire the same due time, one job comes of it: the first call finds the due time
  and the version it planned with (compare-and-set), the later ones find them moved and change nothing. The job's
  idempotency key (schedule and due time) keeps a due time that comes round again from enqueuing twice. Mode 'skip'
  moves on without a job (due times missed under missedRuns skip); mode 'now' (run-now) enqueues without touching the
  due time. maxRuns counts every job the schedule enqueued; the one that uses it up takes the schedule out of the
  index.
  KEYS: 1 schedule, 2 schedule index, 3 sequence, 4 stream, 5 delayed, 6 counts
  ARGV: 1 id, 2 mode, 3 version, 4 due ms, 5 next due ms, 6 missed, 7 queue, 8 jobPrefix, 9 idempotencyPrefix,
        10 minutePrefix, 11 channel, 12 maxAttempts, 13 idempotencyKey, 14 idempotency TTL ms, 15 actor
  Publishes: job events: 'waiting' for the job enqueued, and 'fired' or 'skipped' for the schedule
  Returns {outcome, jobId or '', runs}: outcome 'fired', 'duplicate' (the key named an earlier job: no new one),
  'skipped', or, changing nothing, 'stale' (the schedule moved on or changed since it was read), 'missing',
  'finished' (maxRuns used up).
]]
--!include clock
--!include minute-counters
--!include idempotency
--!include new-job

local id, mode, version, due, nextDue = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local missed = tonumber(ARGV[6])
local q = {queue = ARGV[7], sequence = KEYS[3], stream = KEYS[4], delayed = KEYS[5], jobPrefix = ARGV[8]}
local idemPrefix, minutePrefix, channel = ARGV[9], ARGV[10], ARGV[11]

local s = redis.call('HMGET', KEYS[1], 'version', 'jobName', 'payload', 'maxRuns', 'runs')
if not s[1] then
  return {'missing', '', 0}
end
local runs = tonumber(s[5])
if mode ~= 'now' and (s[1] ~= version or tonumber(redis.call('ZSCORE', KEYS[2], id)) ~= due) then
  return {'stale', '', runs}
end
local maxRuns = tonumber(s[4])
if maxRuns and runs >= maxRuns then
  return {'finished', '', runs}
end
local now = nowMs()

local outcome, jobId = 'skipped', ''
if mode ~= 'skip' then
  local keyName = idempotencyKeyName(idemPrefix, '', ARGV[13])
  local prior = redis.call('GET', keyName)
  if prior then
    outcome, jobId = 'duplicate', prior
  else
    local state
    jobId, state = createJob(q, {name = s[2], payload = s[3], maxAttempts = ARGV[12], delayMs = 0, tenant = '',
      workspace = '', actor = ARGV[15], idempotencyKey = ARGV[13], priority = ''}, now)
    redis.call('SET', keyName, jobId, 'PX', ARGV[14])
    redis.call('HINCRBY', KEYS[6], 'waiting', 1)
    bumpMinute(minutePrefix, now, 'enqueued', 1)
    runs = redis.call('HINCRBY', KEYS[1], 'runs', 1)
    redis.call('HSET', KEYS[1], 'lastRunAt', now)
    outcome = 'fired'
  end
end

if mode ~= 'now' then
  redis.call('HSET', KEYS[1], 'lastDueAt', due)
  if nextDue >= 0 and not (maxRuns and runs >= maxRuns) then
    redis.call('ZADD', KEYS[2], nextDue, id)
    redis.call('HSET', KEYS[1], 'nextDueAt', nextDue)
  else
    redis.call('ZREM', KEYS[2], id)
    redis.call('HDEL', KEYS[1], 'nextDueAt')
  end
elseif maxRuns and runs >= maxRuns then
  redis.call('ZREM', KEYS[2], id)
  redis.call('HDEL', KEYS[1], 'nextDueAt')
end

local event = {schedule = id, name = s[2], ts = now}
if jobId ~= '' then
  event.jobId = jobId
end
if mode ~= 'now' then
  event.dueAt = due
end
if missed > 0 then
  event.missed = missed
end
if outcome == 'skipped' then
  event.state = 'skipped'
else
  event.state = 'fired'
end
emit(event)
publishEvents(channel, q.queue)
return {outcome, jobId, runs}
