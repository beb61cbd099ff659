--[[
  alert-transition: records a queue's alert status (critical or ok) and publishes a `queue.alert` message only when
  it changes, so any number of monitor replicas evaluating the same queue publish each transition once. A change
  within `cooldown` of the previous one is held back (the stored status stays), so a flapping queue cannot cause an
  alert storm; a later evaluation publishes it if the condition still holds.
  KEYS: 1 alert state hash
  ARGV: 1 status ('critical' or 'ok'), 2 cooldown ms, 3 channel, 4 alert JSON object (non-empty; ts and previous
        are added here)
  Publishes: the alert JSON (ts and previous added) on the channel, when this call records the transition
  Returns {1, previous} when published; {0, previous} when unchanged; {-1, previous} when held by the cooldown.
]]
--!include clock

local status, cooldown, channel, alert = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]
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
redis.call('PUBLISH', channel, '{"ts":' .. now .. ',"previous":"' .. previous .. '",' .. string.sub(alert, 2))
return {1, previous}
