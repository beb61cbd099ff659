--[[
  dlq-mark-replayed: records a replay of an entry that was just put back on its queue (JobStore.replay): the
  replay's own number becomes the replayCount, plus isReplayed, lastReplayedAt, history, replay indexes. Runs under
  the entry's replay lock.
  Idempotent: the count is set to the replay's number, never raised blindly. The replayed job can fail again and
  its record be stored before this runs (dlq-insert already takes the record's replayCount, which is this number),
  or a caller can repeat the mark; either way the replay counts once and its history event is written once.
  The limit is checked again here so that no path can count past it.
  KEYS: 1 idx:replays, 2 entry hash
  ARGV: 1 root, 2 channel, 3 id, 4 replay number (the replayCount the job was replayed with), 5 max replays,
        6 actor
  Publishes: DLQ events: 'replayed'
  Returns the replayCount now stored, or 'missing' / 'limit'.
]]
--!include clock
--!include events
--!include dlq-keys
--!include dlq-validate
--!include dlq-history

if not (dlqIsCount(ARGV[4]) and dlqIsCount(ARGV[5])) then
  return redis.error_reply('ERR dlq-mark-replayed: invalid arguments')
end
local id, number, maxReplays, actor = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6]
local f = redis.call('HMGET', KEYS[2], 'originalQueue', 'replayCount', 'history', 'originalJobName')
if not f[1] then
  return 'missing'
end
if number > maxReplays then
  return 'limit'
end
local history = dlqHistory(f[3])
for _, event in ipairs(history) do
  if event.event == 'replayed' and event.replayCount == number then
    return math.max(tonumber(f[2]) or 0, number)
  end
end
local count = math.max(tonumber(f[2]) or 0, number)
local now = nowMs()
redis.call('HSET', KEYS[2], 'replayCount', count, 'isReplayed', 1, 'lastReplayedAt', now,
  'history', dlqWithEvent(history, {event = 'replayed', at = now, actor = actor, replayCount = number}))
redis.call('ZADD', KEYS[1], count, id)
redis.call('ZADD', dlqKey('idx:replays:' .. f[1]), count, id)
emit({type = 'replayed', id = id, originalQueue = f[1], jobName = f[4], replayCount = count, actor = actor, ts = now})
publishEvents(ARGV[2], 'dlq')
return count
