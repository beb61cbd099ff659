--[[
  dlq-retention: keeps the DLQ within its bounds so it cannot exhaust Redis: at most max entries, none whose
  last failure is older than max age; and keeps the tombstones of deleted entries and the pending successes within
  theirs (includes/dlq-tombstones.lua, includes/dlq-pending-success.lua: the same bounds). At most `batch` entries,
  `batch` tombstones and `batch` pending successes per call, so a call stays short; the caller repeats, pausing in
  between, while a call did a full batch of any.
  What it drops is counted in stats.retentionDropped and announced as an 'expired' event. Dropped entries leave no
  tombstone: retention is no owner's deletion.
  KEYS: 1 idx:all, 2 stats
  ARGV: 1 root, 2 channel, 3 max entries (0: none), 4 max age ms (0: none), 5 batch size (at most 100),
        6 tombstone max age ms, 7 tombstone min age ms, 8 tombstone max count (tombstones and pending successes)
  Publishes: DLQ events: 'expired' (with the count) when the call dropped entries
  Returns {entries dropped, tombstones dropped, pending successes dropped}.
]]
--!include clock
--!include events
--!include dlq-keys
--!include dlq-batch
--!include dlq-remove
--!include dlq-tombstones
--!include dlq-pending-success

local now = nowMs()
local limit = tonumber(ARGV[5])
local dropped = dlqDropBeyondCount(tonumber(ARGV[3]), limit)
dropped = dropped + dlqDropOlderThan(now, tonumber(ARGV[4]), limit - dropped)
if dropped > 0 then
  redis.call('HINCRBY', KEYS[2], 'retentionDropped', dropped)
  emit({type = 'expired', count = dropped, ts = now})
  publishEvents(ARGV[2], 'dlq')
end
local maxAgeMs, minAgeMs, maxCount = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local tombstones = dlqTrimTombstones(now, maxAgeMs, minAgeMs, maxCount, limit)
local pending = dlqTrimPendingSuccesses(now, maxAgeMs, minAgeMs, maxCount, limit)
return {dropped, tombstones, pending}
