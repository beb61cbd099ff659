-- Keys of the DLQ store, built from the root the caller passes as ARGV[1] (DlqKeys.ROOT, hash tag {dlq}).
-- The suffixes mirror io.streamq.core.keys.DlqKeys; every key shares the slot of the KEYS the script declares.
local dlqRoot = ARGV[1]

local function dlqKey(suffix)
  return dlqRoot .. suffix
end

local function dlqEntryKey(id)
  return dlqRoot .. 'entry:' .. id
end

local function dlqHourKey(ts)
  return dlqRoot .. 'hour:' .. math.floor(tonumber(ts) / 3600000)
end
