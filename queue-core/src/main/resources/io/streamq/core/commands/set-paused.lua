--[[
  set-paused: pause or resume a queue. Paused is a flag of the queue: its jobs keep their state and
  workers stop claiming; jobs already running finish.
  KEYS: 1 meta
  ARGV: 1 queue, 2 channel, 3 paused ('1' to pause, '0' to resume), 4 actor
  Publishes: job events: a queue-level 'paused' or 'resumed' (with the actor) when the flag changed
  Returns 1 when the flag changed, 0 when it already had that value.
]]
--!include clock

local paused = ARGV[3] == '1'
local was = redis.call('HGET', KEYS[1], 'paused') == '1'
if was == paused then
  return 0
end
redis.call('HSET', KEYS[1], 'paused', ARGV[3])
redis.call('PUBLISH', ARGV[2], cjson.encode({queue = ARGV[1], events = {{state = paused and 'paused' or 'resumed',
  actor = ARGV[4], ts = nowMs()}}}))
return 1
