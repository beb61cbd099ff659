--[[
  dlq-delete: removes entries by id with their index entries and analytics contributions.
  KEYS: 1 idx:all, 2 stats
  ARGV: 1 root, 2 channel, 3 actor, 4.. ids
  Returns per id 1 (deleted) or 0 (no such entry).
]]
--!include clock
--!include events
--!include dlq-keys
--!include dlq-remove

local now = nowMs()
local out = {}
for i = 4, #ARGV do
  local removed = dlqRemove(ARGV[i])
  if removed then
    out[#out + 1] = 1
    emit({type = 'deleted', id = ARGV[i], originalQueue = removed[1], jobName = removed[2], actor = ARGV[3],
      ts = now})
  else
    out[#out + 1] = 0
  end
end
publishEvents(ARGV[2], 'dlq')
return out
