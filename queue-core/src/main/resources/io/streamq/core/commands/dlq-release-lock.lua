--[[
  dlq-release-lock: deletes a replay lock only if it still holds this caller's token, so a caller whose lock
  expired (and was taken by another) cannot release the other's.
  KEYS: 1 lock
  ARGV: 1 token
  Publishes: nothing
  Returns 1 when released, 0 otherwise.
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
