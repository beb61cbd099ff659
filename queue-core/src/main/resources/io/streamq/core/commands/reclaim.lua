--[[
  reclaim: active jobs whose consumer went silent for longer than the visibility timeout (it crashed,
  or hangs) are handed to this consumer. The attempt count goes up, so a job that keeps killing its
  workers exhausts its attempts and the worker sends it to the DLQ.
  KEYS: 1 stream, 2 counts
  ARGV: 1 group, 2 consumer, 3 min idle ms, 4 max jobs, 5 jobPrefix, 6 queue, 7 channel
  Returns rows like claim: entryId, jobId, name, payload, attempt, maxAttempts, createdAt, startedAt,
  tenant, workspace, actor.
]]
--!include clock
--!include events
--!include lease
--!include activate

local group, consumer, minIdle, limit = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local jobPrefix, queue, channel = ARGV[5], ARGV[6], ARGV[7]
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {}
end
local claimed = redis.pcall('XAUTOCLAIM', KEYS[1], group, consumer, minIdle, '0-0', 'COUNT', limit)
if type(claimed) == 'table' and claimed.err then
  if string.find(claimed.err, 'NOGROUP', 1, true) then
    return {}
  end
  return redis.error_reply(claimed.err)
end

local now = nowMs()
local out = {}
local recovered = 0
for _, entry in ipairs(claimed[2]) do
  local entryId, fields = entry[1], entry[2]
  -- Redis 6.2 lists entries deleted from the stream with nil fields; 7.0 reports them apart.
  local jobId = type(fields) == 'table' and fields[2] or nil
  local jobKey = jobId and (jobPrefix .. jobId)
  if jobKey and redis.call('HGET', jobKey, 'state') == 'active' then
    handOver(out, jobKey, jobId, entryId, consumer, now, 'stalled')
    recovered = recovered + 1
  else
    settleEntry(KEYS[1], group, entryId)
  end
end
if recovered > 0 then
  redis.call('HINCRBY', KEYS[2], 'total:stalled', recovered)
end
publishEvents(channel, queue)
return out
