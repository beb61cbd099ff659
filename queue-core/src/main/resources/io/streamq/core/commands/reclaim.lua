--[[
  reclaim: active jobs whose consumer went silent for longer than the visibility timeout (it crashed, or hangs)
  are handed to this consumer. The attempt count goes up, so a job that keeps killing its workers exhausts its
  attempts and the worker sends it to the DLQ. On a paused queue they go back to waiting instead, to run after
  resume like every other waiting job.
  Only a job's current entry is handed over; a stale entry (of an earlier attempt, or of a job that is no longer
  active) is acknowledged and deleted. Each call looks at a bounded window of the pending list from the caller's
  cursor (not XPENDING IDLE, which walks the whole list to find idle entries), so a long list of live entries costs
  a few calls instead of one long one. Both pending lists are walked, the prioritized stream's first: its ids
  (0-<n>) sort before the stream's, so the cursor is an entry id of the one list they form. The caller's own entries
  are left alone: it runs them, and taking them over would give the same lease to two attempts.
  A job taken over starts a new attempt, so it counts against the queue's rate limit (claim-limits) like a claim:
  a call the rate holds back takes nothing and keeps the cursor. Max active does not apply: the job is active already.
  KEYS: 1 stream, 2 counts, 3 meta, 4 prioritized stream, 5 prioritized, 6 wake stream, 7 limits
  ARGV: 1 group, 2 consumer, 3 min idle ms, 4 max jobs, 5 jobPrefix, 6 queue, 7 channel, 8 cursor ('0-0' to start),
        9 pending entries looked at per call, 10 default rate jobs, 11 default rate per ms, 12 default max active
  ROW: entryId, jobId, name, payload, attempt, maxAttempts, createdAt, startedAt, tenant, workspace, actor
  Publishes: job events: 'stalled' per job taken over, then 'waiting' for it on a paused queue
  Returns {next cursor ('0-0' when the pending list was walked to its end), row...}, a row per job
  taken over with the fields ROW lists (none on a paused queue).
]]
--!include clock
--!include events
--!include lease
--!include activate
--!include return-to-waiting
--!include claim-limits

local group, consumer, minIdle, limit = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local jobPrefix, queue, channel, cursor, window = ARGV[5], ARGV[6], ARGV[7], ARGV[8], tonumber(ARGV[9])
local keys = {stream = KEYS[1], counts = KEYS[2], prioritizedStream = KEYS[4], prioritized = KEYS[5], wake = KEYS[6]}
if limit < 1 then
  return {cursor}
end
local paused = redis.call('HGET', KEYS[3], 'paused') == '1'
local now = nowMs()
local limits = readLimits(KEYS[7], KEYS[2], ARGV[10], ARGV[11], ARGV[12])
if not paused then
  limit = startsAllowed(limits, limit, now, false)
  if limit < 1 then
    return {cursor}
  end
end

-- Up to `count` pending entries of a stream from `start` on (none when the stream or its group does not exist).
local function pendingFrom(stream, start, count)
  if redis.call('EXISTS', stream) == 0 then
    return {}
  end
  local pending = redis.pcall('XPENDING', stream, group, start, '+', count)
  if type(pending) == 'table' and pending.err then
    if string.find(pending.err, 'NOGROUP', 1, true) then
      return {}
    end
    error(pending)
  end
  return pending
end

local pending = {}
local start = cursor == '0-0' and '-' or '(' .. cursor
if cursor == '0-0' or isPrioritizedEntry(cursor) then
  pending = pendingFrom(keys.prioritizedStream, start, window)
  start = '-'
end
if #pending < window then
  for _, p in ipairs(pendingFrom(keys.stream, start, window - #pending)) do
    pending[#pending + 1] = p
  end
end

-- Entries idle for long enough, held by another consumer, up to the limit; the cursor stops at the last one looked at.
local idle = {}
local next = '0-0'
for i, p in ipairs(pending) do
  if #idle == limit then
    next = pending[i - 1][1]
    break
  end
  if p[2] ~= consumer and p[3] >= minIdle then
    idle[#idle + 1] = p[1]
  end
  if i == window then
    next = p[1]
  end
end
local out = {next}
local stalled = 0
local started = 0
for _, entryId in ipairs(idle) do
  local stream = leaseStream(keys, entryId)
  local taken = redis.call('XCLAIM', stream, group, consumer, minIdle, entryId)
  -- Nothing when the entry left the pending list, or is gone from the stream (the owner removed it).
  local fields = taken[1] and taken[1][2]
  local jobId = type(fields) == 'table' and fields[2] or nil
  local jobKey = jobId and (jobPrefix .. jobId)
  local job = jobKey and redis.call('HMGET', jobKey, 'state', 'entry') or {}
  if job[1] == 'active' and job[2] == entryId then
    stalled = stalled + 1
    if paused then
      returnToWaiting(keys, group, jobKey, jobId, entryId, false)
      emit({jobId = jobId, state = 'stalled', ts = now})
      emit({jobId = jobId, state = 'waiting', ts = now})
    else
      handOver(out, jobKey, jobId, entryId, consumer, now, 'stalled')
      started = started + 1
    end
  else
    settleEntry(stream, group, entryId)
  end
end
if stalled > 0 then
  redis.call('HINCRBY', KEYS[2], 'total:stalled', stalled)
end
recordStarts(limits, started, now)
publishEvents(channel, queue)
return out
