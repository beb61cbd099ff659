--[[
  search-jobs: one page of a queue's job ids in one state, optionally filtered by a search text (case-insensitive,
  plain substring of the job id, job type or payload). Read-only and bounded: a search looks at the first
  `scanLimit` jobs of the state in listing order and says when the state held more (`limited`).
  Order: waiting and active oldest first (stream order), delayed soonest due first, completed and failed newest first.
  KEYS: 1 stream, 2 counts, 3 delayed, 4 completed, 5 failed
  ARGV: 1 jobPrefix, 2 group, 3 state, 4 search text (lower case; '' for none), 5 offset, 6 page size, 7 scan limit
  Returns {total, limited (0/1), id...}.
]]
--!include undelivered
--!include job-payload

local jobPrefix, group, state, search = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local offset, size, scanLimit = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])

-- The first `n` ids of the state in listing order.
local function ids(n)
  local out = {}
  if n <= 0 then return out end
  if state == 'waiting' or state == 'active' then
    local start, _ = undeliveredStart(KEYS[1], group)
    local entries
    if state == 'waiting' then
      entries = redis.call('XRANGE', KEYS[1], start, '+', 'COUNT', n)
    elseif start == '-' then
      entries = {}
    else
      entries = redis.call('XRANGE', KEYS[1], '-', string.sub(start, 2), 'COUNT', n)
    end
    for _, e in ipairs(entries) do out[#out + 1] = e[2][2] end
  elseif state == 'delayed' then
    out = redis.call('ZRANGE', KEYS[3], 0, n - 1)
  elseif state == 'completed' then
    out = redis.call('ZREVRANGE', KEYS[4], 0, n - 1)
  else
    out = redis.call('ZREVRANGE', KEYS[5], 0, n - 1)
  end
  return out
end

local function size_of_state()
  if state == 'waiting' then return tonumber(redis.call('HGET', KEYS[2], 'waiting') or '0') end
  if state == 'active' then return tonumber(redis.call('HGET', KEYS[2], 'active') or '0') end
  if state == 'delayed' then return redis.call('ZCARD', KEYS[3]) end
  if state == 'completed' then return redis.call('ZCARD', KEYS[4]) end
  return redis.call('ZCARD', KEYS[5])
end

if search == '' then
  local page = ids(offset + size)
  local out = {math.max(size_of_state(), #page), 0}
  for i = offset + 1, #page do out[#out + 1] = page[i] end
  return out
end

local scanned = ids(scanLimit + 1)
local limited = 0
if #scanned > scanLimit then
  limited = 1
  scanned[#scanned] = nil
end
local matches = {}
for _, id in ipairs(scanned) do
  local name = redis.call('HGET', jobPrefix .. id, 'name')
  local payload = redis.call('GET', payloadKey(jobPrefix .. id))
  if string.find(string.lower(id), search, 1, true)
    or (name and string.find(string.lower(name), search, 1, true))
    or (payload and string.find(string.lower(payload), search, 1, true)) then
    matches[#matches + 1] = id
  end
end
local out = {#matches, limited}
for i = offset + 1, math.min(#matches, offset + size) do out[#out + 1] = matches[i] end
return out
