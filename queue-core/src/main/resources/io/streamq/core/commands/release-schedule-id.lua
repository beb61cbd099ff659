--[[
  release-schedule-id: gives a deleted schedule's id back, only if the index still holds the entry the delete read:
  a create that took the id over meanwhile keeps it.
  KEYS: 1 id index
  ARGV: 1 id, 2 expected entry
  Publishes: nothing
  Returns 1 when released, else 0.
]]
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  return redis.call('HDEL', KEYS[1], ARGV[1])
end
return 0
