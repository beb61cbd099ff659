--[[
  reclaim: active jobs whose consumer went silent for longer than the visibility timeout (it crashed, or hangs)
  are handed to this consumer. The attempt count goes up, so a job that keeps killing its workers exhausts its
  attempts and the worker sends it to the DLQ. On a paused queue they go back to waiting instead, to run after
  resume like every other waiting job.
  Only a job's current entry is handed over; a stale entry (of an earlier attempt, or of a job that is no longer
  active) is acknowledged and deleted. The scan resumes at the caller's cursor, so a long pending list is walked
  across calls instead of its head being read again each time.
  KEYS: 1 stream, 2 counts, 3 meta
  ARGV: 1 group, 2 consumer, 3 min idle ms, 4 max jobs, 5 jobPrefix, 6 queue, 7 channel, 8 cursor ('0-0' to start)
  Returns {next cursor ('0-0' when the pending list was walked to its end), rows like claim: entryId, jobId, name,
  payload, attempt, maxAttempts, createdAt, startedAt, tenant, workspace, actor}.
]]
--!include clock
--!include events
--!include lease
--!include activate
--!include return-to-waiting

local group, consumer, minIdle, limit = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local jobPrefix, queue, channel, cursor = ARGV[5], ARGV[6], ARGV[7], ARGV[8]
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'0-0'}
end
local start = cursor == '0-0' and '-' or '(' .. cursor
local idle = redis.pcall('XPENDING', KEYS[1], group, 'IDLE', minIdle, start, '+', limit)
if type(idle) == 'table' and idle.err then
  if string.find(idle.err, 'NOGROUP', 1, true) then
    return {'0-0'}
  end
  return redis.error_reply(idle.err)
end

local next = '0-0'
if #idle == limit then
  next = idle[#idle][1]
end
local paused = redis.call('HGET', KEYS[3], 'paused') == '1'
local now = nowMs()
local out = {next}
local stalled = 0
for _, pending in ipairs(idle) do
  local entryId = pending[1]
  local taken = redis.call('XCLAIM', KEYS[1], group, consumer, minIdle, entryId)
  -- Nothing when the entry left the pending list, or is gone from the stream (the owner removed it).
  local fields = taken[1] and taken[1][2]
  local jobId = type(fields) == 'table' and fields[2] or nil
  local jobKey = jobId and (jobPrefix .. jobId)
  local job = jobKey and redis.call('HMGET', jobKey, 'state', 'entry') or {}
  if job[1] == 'active' and job[2] == entryId then
    stalled = stalled + 1
    if paused then
      returnToWaiting(KEYS[1], group, KEYS[2], jobKey, jobId, entryId, false)
      emit({jobId = jobId, state = 'stalled', ts = now})
      emit({jobId = jobId, state = 'waiting', ts = now})
    else
      handOver(out, jobKey, jobId, entryId, consumer, now, 'stalled')
    end
  else
    settleEntry(KEYS[1], group, entryId)
  end
end
if stalled > 0 then
  redis.call('HINCRBY', KEYS[2], 'total:stalled', stalled)
end
publishEvents(channel, queue)
return out
