--[[
  confirm-token-spend: check and spend a confirm token in one step, so of any number of concurrent attempts with
  the same token exactly one gets 'ok'. A refused attempt (foreign actor, other action or parameters) does not
  spend the token.
  KEYS: 1 token key
  ARGV: 1 actor, 2 action, 3 params hash
  Publishes: nothing
  Returns {'ok', the time (ms) the token was issued: when the owner was shown the summary}, or {'unknown'},
  {'foreign'}, {'used'}, {'expired'} or {'mismatch'}.
]]
--!include clock

local t = redis.call('HMGET', KEYS[1], 'actor', 'action', 'params', 'expiresAt', 'spentAt', 'issuedAt')
if not t[1] then
  return {'unknown'}
end
if t[1] ~= ARGV[1] then
  return {'foreign'}
end
if t[5] then
  return {'used'}
end
local now = nowMs()
if now >= tonumber(t[4]) then
  return {'expired'}
end
if t[2] ~= ARGV[2] or t[3] ~= ARGV[3] then
  return {'mismatch'}
end
redis.call('HSET', KEYS[1], 'spentAt', now)
return {'ok', tonumber(t[6])}
