--[[
  cleanup-finished: deletes finished jobs (completed, failed or cancelled) that finished before a cutoff, bounded per call.
  KEYS: 1 completed index, 2 failed index, 3 cancelled index
  ARGV: 1 jobPrefix, 2 age ms (jobs finished longer ago than this go), 3 most jobs per index per call
  Publishes: nothing
  Returns {completed removed, failed removed, cancelled removed}; a caller repeats while any equals the limit.
]]
--!include clock
--!include removal-policy

local jobPrefix, cutoff, limit = ARGV[1], nowMs() - tonumber(ARGV[2]), tonumber(ARGV[3])
if limit < 1 then
  return {0, 0, 0}
end

local function sweep(index)
  return dropJobs(index, jobPrefix, redis.call('ZRANGEBYSCORE', index, '-inf', cutoff, 'LIMIT', 0, limit))
end

return {sweep(KEYS[1]), sweep(KEYS[2]), sweep(KEYS[3])}
