--[[
  confirm-token-issue: store a confirm token for a destructive action. The key is a hash of the token (the token
  itself is never stored), bound to the actor, the action and a hash of its parameters. It outlives its expiry by a
  grace period so a late or repeated use is told "expired" or "already used" instead of "unknown".
  KEYS: 1 token key
  ARGV: 1 actor, 2 action, 3 params hash, 4 summary (JSON), 5 ttl ms, 6 grace ms
  Publishes: nothing
  Returns the expiry (epoch ms, Redis clock), or an error if the key exists (a 256-bit token never repeats).
]]
--!include clock

if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.error_reply('confirm token collision')
end
local now = nowMs()
local expiresAt = now + tonumber(ARGV[5])
redis.call('HSET', KEYS[1], 'actor', ARGV[1], 'action', ARGV[2], 'params', ARGV[3], 'summary', ARGV[4],
  'issuedAt', now, 'expiresAt', expiresAt)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]) + tonumber(ARGV[6]))
return expiresAt
