--[[
  report-progress: a running attempt stores its latest progress on its job and appends log lines to the job's log,
  which keeps only the newest `max lines`. The worker throttles and batches these calls (a few per second per job at
  most). Only the attempt that holds the job's lease writes, told by its consumer and lease entry (an attempt number
  alone repeats: a hand-back refunds it, an owner's retry and a replay start again from 1, so a stuck handler of an
  earlier run would write into the next one); anything else changes nothing. The one exception is a job cancelled
  while it ran: the attempt whose lease the cancel ended (`cancelledEntry`, same consumer) may still append its last
  lines as its handler stops, but no progress. Nothing is written for a job that is gone, so no log outlives it.
  KEYS: 1 job, 2 logs
  ARGV: 1 queue, 2 channel, 3 jobId, 4 consumer, 5 entryId, 6 progress, 7 max lines, then per line: line
  Publishes: job events: 'progress' with the stored value (only when a progress is given and taken)
  Returns {progress taken (0/1), lines appended}. progress is the JSON object {"percent"?, "data"?} or '' for none;
  each line is a JSON object {"at", "attempt", "line"} built by the caller.
]]
--!include clock

local queue, channel, jobId, consumer, entryId = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local progress, maxLines = ARGV[6], tonumber(ARGV[7])
local job = redis.call('HMGET', KEYS[1], 'state', 'worker', 'entry', 'cancelledEntry', 'attempts')
local holds = job[1] == 'active' and job[2] == consumer and job[3] == entryId
local stoppedHere = job[1] == 'cancelled' and job[2] == consumer and job[4] == entryId
if not holds and not stoppedHere then
  return {0, 0}
end
local attempt = job[5]

local taken = 0
if progress ~= '' and holds then
  local now = nowMs()
  -- progressEntry tells a later attempt's readers that this value is not theirs (JobStore hides it then).
  redis.call('HSET', KEYS[1], 'progress', progress, 'progressAt', now, 'progressEntry', entryId)
  taken = 1
  -- Spliced as text: the value is JSON the worker wrote, and a decode/encode round trip in Lua would turn an empty
  -- array into an object and large integers into floats.
  local head = cjson.encode({jobId = jobId, state = 'progress', attempt = tonumber(attempt), ts = now})
  redis.call('PUBLISH', channel, '{"queue":' .. cjson.encode(queue) .. ',"events":[' .. string.sub(head, 1, -2)
    .. ',"progress":' .. progress .. '}]}')
end

local lines = #ARGV - 7
if lines > 0 then
  local push = {'RPUSH', KEYS[2]}
  for i = 8, #ARGV do
    push[#push + 1] = ARGV[i]
  end
  redis.call(unpack(push))
  redis.call('LTRIM', KEYS[2], -maxLines, -1)
end
return {taken, lines}
