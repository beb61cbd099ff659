-- Raw per-minute facts for throughput and error rates; monitor-service derives the metrics.
-- Two hours is enough for every window the monitor computes.
local function bumpMinute(minutePrefix, now, field, by)
  if by ~= 0 then
    local key = minutePrefix .. math.floor(now / 60000)
    redis.call('HINCRBY', key, field, by)
    redis.call('EXPIRE', key, 7200)
  end
end
