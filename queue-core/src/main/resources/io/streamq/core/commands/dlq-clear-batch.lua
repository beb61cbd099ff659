--[[
  dlq-clear-batch: one batch of a (filtered) clear. The caller picks the index that is exactly the filter
  (idx:all, idx:queue:<q>, idx:replays or idx:replays:<q>) and the lowest score to take (a minReplayCount on the
  replay indexes, -inf otherwise); every id taken matches, so batches never skip and the loop ends.
  KEYS: 1 source index
  ARGV: 1 root, 2 channel, 3 min score, 4 batch size, 5 actor
  Returns the number of entries removed.
]]
--!include clock
--!include events
--!include dlq-keys
--!include dlq-remove

local ids = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[3], '+inf', 'LIMIT', 0, tonumber(ARGV[4]))
for _, id in ipairs(ids) do
  dlqRemove(id)
end
if #ids > 0 then
  emit({type = 'cleared', count = #ids, actor = ARGV[5], ts = nowMs()})
  publishEvents(ARGV[2], 'dlq')
end
return #ids
