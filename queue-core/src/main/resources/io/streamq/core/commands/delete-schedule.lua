--[[
  delete-schedule: a schedule and its place in the due index go together; jobs it enqueued stay.
  KEYS: 1 schedule, 2 schedule index
  ARGV: 1 id
  Publishes: nothing
  Returns 1 when it existed, else 0.
]]
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('DEL', KEYS[1])
