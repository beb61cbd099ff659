--[[
  dlq-task-finish: a running clear task ends: 'succeeded', 'failed', or 'interrupted' (its replica stopped). Only
  one caller wins: the runner itself, or (with a stale bound) any replica that finds its heartbeat older than that,
  after the runner's replica died. The finished task is kept for `keep` ms so its outcome can still be read.
  KEYS: 1 task hash, 2 running tasks
  ARGV: 1 task id, 2 final state, 3 error ('' = none), 4 keep ms, 5 stale bound ms (0: finish unconditionally)
  Publishes: nothing
  Returns the task's fields (HGETALL) when this call finished it, else nil.
]]
--!include clock

local f = redis.call('HMGET', KEYS[1], 'state', 'updatedAt')
if f[1] ~= 'running' then
  return nil
end
local now = nowMs()
local staleMs = tonumber(ARGV[5])
if staleMs > 0 and tonumber(f[2]) > now - staleMs then
  return nil
end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'error', ARGV[3], 'finishedAt', now)
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
return redis.call('HGETALL', KEYS[1])
