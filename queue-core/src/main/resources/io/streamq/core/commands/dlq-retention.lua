--[[
  dlq-retention: keeps the DLQ within its bounds so it cannot exhaust Redis: at most max entries, none whose
  last failure is older than max age. Bounded work per call; the caller repeats while a full batch was dropped.
  What it drops is counted in stats.retentionDropped and announced as an 'expired' event.
  KEYS: 1 idx:all, 2 stats
  ARGV: 1 root, 2 channel, 3 max entries (0: none), 4 max age ms (0: none), 5 batch size
  Returns the number of entries dropped.
]]
--!include clock
--!include events
--!include dlq-keys
--!include dlq-remove

local now = nowMs()
local limit = tonumber(ARGV[5])
local dropped = dlqDropBeyondCount(tonumber(ARGV[3]), limit)
dropped = dropped + dlqDropOlderThan(now, tonumber(ARGV[4]), limit)
if dropped > 0 then
  redis.call('HINCRBY', KEYS[2], 'retentionDropped', dropped)
  emit({type = 'expired', count = dropped, ts = now})
  publishEvents(ARGV[2], 'dlq')
end
return dropped
