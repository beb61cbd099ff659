--[[
  set-limits: an owner's overrides of a queue's start limits (read by claim and reclaim, see claim-limits). Each value
  is '' to follow the queue config's default (the field is deleted), 'none' for no limit even where the config sets
  one, or the limit: '<jobs>/<perMs>' for the rate, '<n>' for max active. The rate bucket's state is kept.
  KEYS: 1 limits
  ARGV: 1 rate, 2 max active
  Publishes: nothing
  Returns 1.
]]

local fields = {'rate', 'maxActive'}
for i, field in ipairs(fields) do
  if ARGV[i] == '' then
    redis.call('HDEL', KEYS[1], field)
  else
    redis.call('HSET', KEYS[1], field, ARGV[i])
  end
end
return 1
