--[[
  dlq-delete: an owner removes entries by id, with their index entries and analytics contributions, and leaves a
  tombstone for each so that a re-forwarded record cannot bring it back (see includes/dlq-tombstones.lua).
  KEYS: 1 idx:all, 2 stats
  ARGV: 1 root, 2 channel, 3 actor, then per entry: id (at most 100: the caller splits larger
        requests)
  Publishes: DLQ events: 'deleted' per entry deleted
  Returns per id 1 (deleted) or 0 (no such entry).
]]
--!include clock
--!include events
--!include dlq-keys
--!include dlq-batch
--!include dlq-remove
--!include dlq-tombstones

local now = nowMs()
local ids = {}
for i = 4, #ARGV do
  ids[#ids + 1] = ARGV[i]
end
local gone, removed = dlqRemoveMany(ids)
dlqBury(gone, removed, now)
local out, reported = {}, {}
for _, id in ipairs(ids) do
  local entry = removed[id]
  if entry and not reported[id] then
    reported[id] = true
    out[#out + 1] = 1
    emit({type = 'deleted', id = id, originalQueue = entry[1], jobName = entry[2], actor = ARGV[3], ts = now})
  else
    out[#out + 1] = 0
  end
end
publishEvents(ARGV[2], 'dlq')
return out
