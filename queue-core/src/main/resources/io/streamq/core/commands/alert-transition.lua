--[[
  alert-transition: records a queue's alert status (critical or ok) and publishes a `queue.alert` message only when
  it changes, so any number of monitor replicas evaluating the same queue publish each transition once. A change
  within `cooldown` of the previous one is held back (the stored status stays), so a flapping queue cannot cause an
  alert storm; a later evaluation publishes it if the condition still holds. What it publishes also goes to the
  front of the queue's alert history, cut to its newest `history length`, in the same step: the history holds
  exactly the alerts that were published.
  KEYS: 1 alert state hash, 2 alert history list
  ARGV: 1 status ('critical' or 'ok'), 2 cooldown ms, 3 channel, 4 alert JSON object (non-empty; ts and previous
        are added here), 5 history length
  Publishes: the alert JSON (ts and previous added) on the channel, when this call records the transition
  Returns {1, previous} when published; {0, previous} when unchanged; {-1, previous} when held by the cooldown.
]]
--!include clock

local status, cooldown, channel, alert, kept = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4], tonumber(ARGV[5])
local current = redis.call('HMGET', KEYS[1], 'status', 'changedAt')
local previous = current[1] or 'ok'
if previous == status then
  return {0, previous}
end
local now = nowMs()
if now - tonumber(current[2] or '0') < cooldown then
  return {-1, previous}
end
redis.call('HSET', KEYS[1], 'status', status, 'changedAt', now)
local published = '{"ts":' .. now .. ',"previous":"' .. previous .. '",' .. string.sub(alert, 2)
redis.call('PUBLISH', channel, published)
redis.call('LPUSH', KEYS[2], published)
redis.call('LTRIM', KEYS[2], 0, kept - 1)
return {1, previous}
