--[[
  cancel-jobs: producers and owners stop jobs, a batch per call. A waiting or delayed job becomes cancelled at once.
  So does an active one: its lease entry is settled here, so whatever its worker records later (complete, retry,
  fail-to-dlq, defer, hand-back all check the lease) is refused as stale, and the worker is told on the cancel
  requests channel to interrupt its handler. A worker that misses the message finds the lease gone at its next
  renewal and stops the handler then. Cancelled is final: no retry, no DLQ. A finished job (completed, failed,
  cancelled) is answered as such and left alone. With a job type and/or tenant filter a job that does not match is
  skipped: cancel by filter pages ids through here and this script decides on each job as it is now.
  KEYS: 1 stream, 2 prioritized stream, 3 counts, 4 delayed, 5 prioritized, 6 cancelled index
  ARGV: 1 group, 2 jobPrefix, 3 queue, 4 channel, 5 cancel requests channel, 6 finished channel, 7 actor,
        8 name filter, 9 tenant filter, 10 keep count, 11 keep age ms, then per job: jobId
  ROW: jobId, verdict, state
  Publishes: job events: 'cancelled' per job (with `from`, the state it left, and the actor); a cancel request per
             active job on the cancel requests channel; the finished message for watched jobs
  Returns a row per job: verdict 'cancelled' (state: the state it left), 'not-found', 'finished' (state: its final
  state) or 'skipped' (it does not match the filter; state: its state). A filter '' matches every job; keep count -1
  keeps every cancelled job and keep age 0 keeps them forever (the failed-jobs removal policy).
]]
--!include clock
--!include events
--!include lease
--!include leave-waiting
--!include job-finished
--!include removal-policy

local group, jobPrefix, queue, channel = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local requestsChannel, finishedChannel, actor = ARGV[5], ARGV[6], ARGV[7]
local nameFilter, tenantFilter = ARGV[8], ARGV[9]
local keepCount, keepAgeMs = tonumber(ARGV[10]), tonumber(ARGV[11])
local keys = {stream = KEYS[1], prioritizedStream = KEYS[2], counts = KEYS[3], delayed = KEYS[4],
  prioritized = KEYS[5]}
local FINISHED = {completed = true, failed = true, cancelled = true}
local now = nowMs()
local out = {}
local cancelled, active = 0, 0

local function answer(jobId, verdict, state)
  out[#out + 1] = jobId; out[#out + 1] = verdict; out[#out + 1] = state
end

for i = 12, #ARGV do
  local jobId = ARGV[i]
  local jobKey = jobPrefix .. jobId
  local job = redis.call('HMGET', jobKey, 'state', 'name', 'tenant', 'entry', 'worker', 'attempts', 'watched')
  local state = job[1]
  if not state then
    answer(jobId, 'not-found', '')
  elseif FINISHED[state] then
    answer(jobId, 'finished', state)
  elseif (nameFilter ~= '' and job[2] ~= nameFilter) or (tenantFilter ~= '' and (job[3] or '') ~= tenantFilter) then
    answer(jobId, 'skipped', state)
  else
    if state == 'active' then
      settleLease(keys, group, job[4])
      active = active + 1
      redis.call('PUBLISH', requestsChannel,
        cjson.encode({queue = queue, jobId = jobId, worker = job[5], entry = job[4]}))
    else
      leaveWaiting(keys, jobId, state, job[4])
    end
    redis.call('HDEL', jobKey, 'entry')
    redis.call('HSET', jobKey, 'state', 'cancelled', 'finishedAt', now, 'cancelledFrom', state,
      'cancelledBy', actor)
    if state == 'active' then
      -- The attempt stopped here may still append its last log lines (report-progress.lua).
      redis.call('HSET', jobKey, 'cancelledEntry', job[4])
    end
    redis.call('ZADD', KEYS[6], now, jobId)
    cancelled = cancelled + 1
    if job[7] then
      noteFinished(jobId, 'cancelled')
    end
    emit({jobId = jobId, name = job[2], state = 'cancelled', from = state, attempt = tonumber(job[6]), ts = now,
      actor = actor})
    answer(jobId, 'cancelled', state)
  end
end

if cancelled > 0 then
  if active > 0 then
    redis.call('HINCRBY', KEYS[3], 'active', -active)
  end
  redis.call('HINCRBY', KEYS[3], 'total:cancelled', cancelled)
  applyRemovalPolicy(KEYS[6], jobPrefix, keepCount, keepAgeMs, now)
end
publishEvents(channel, queue)
publishFinished(finishedChannel, queue)
return out
