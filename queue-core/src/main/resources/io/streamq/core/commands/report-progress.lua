--[[
  report-progress: a running attempt stores its latest progress on its job and appends log lines to the job's log,
  which keeps only the newest `max lines`. The worker throttles and batches these calls (a few per second per job at
  most). Only the attempt that runs the job now may write: an attempt number other than the job's `attempts` (a
  worker that lost the job to recovery) changes nothing. Progress is taken only while the job is active; log lines
  also once it ended (a cancelled attempt's last lines, written as its handler stops). Nothing is written for a job
  that is gone, so no log outlives its job.
  KEYS: 1 job, 2 logs
  ARGV: 1 queue, 2 channel, 3 jobId, 4 attempt, 5 progress, 6 max lines, then per line: line
  Publishes: job events: 'progress' with the stored value (only when a progress is given and taken)
  Returns {progress taken (0/1), lines appended}. progress is the JSON object {"percent"?, "data"?} or '' for none;
  each line is a JSON object {"at", "attempt", "line"} built by the caller.
]]
--!include clock

local queue, channel, jobId, attempt = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local progress, maxLines = ARGV[5], tonumber(ARGV[6])
local job = redis.call('HMGET', KEYS[1], 'state', 'attempts')
if not job[1] or job[2] ~= attempt then
  return {0, 0}
end

local taken = 0
if progress ~= '' and job[1] == 'active' then
  local now = nowMs()
  redis.call('HSET', KEYS[1], 'progress', progress, 'progressAt', now)
  taken = 1
  -- Spliced as text: the value is JSON the worker wrote, and a decode/encode round trip in Lua would turn an empty
  -- array into an object and large integers into floats.
  local head = cjson.encode({jobId = jobId, state = 'progress', attempt = tonumber(attempt), ts = now})
  redis.call('PUBLISH', channel, '{"queue":' .. cjson.encode(queue) .. ',"events":[' .. string.sub(head, 1, -2)
    .. ',"progress":' .. progress .. '}]}')
end

local lines = #ARGV - 6
if lines > 0 then
  local push = {'RPUSH', KEYS[2]}
  for i = 7, #ARGV do
    push[#push + 1] = ARGV[i]
  end
  redis.call(unpack(push))
  redis.call('LTRIM', KEYS[2], -maxLines, -1)
end
return {taken, lines}
