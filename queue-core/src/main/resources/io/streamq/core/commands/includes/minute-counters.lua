-- Raw per-minute facts for throughput and error rates; monitor-service derives the metrics.
-- Kept 25 hours: the owner's throughput chart reaches back a day (GET /owner/queues/{q}/throughput, 1,440 minutes).
-- The EXPIRE is sent anyway, so the longer TTL costs memory only (docs/architecture.md, the minute hash).
local function bumpMinute(minutePrefix, now, field, by)
  if by ~= 0 then
    local key = minutePrefix .. math.floor(now / 60000)
    redis.call('HINCRBY', key, field, by)
    redis.call('EXPIRE', key, 90000)
  end
end
