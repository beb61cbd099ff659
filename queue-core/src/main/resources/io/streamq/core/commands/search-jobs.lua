--[[
  search-jobs: a bounded read of a queue's job ids in one state, in listing order, for the owner's jobs list and its
  search. Read-only. Order: waiting in the order priority would start them (priorities 1-4 from the prioritized set,
  then the stream's priority 5, then 6-10; first in first out within a priority), active by entry id (the prioritized
  stream's 0-<n> ids first, then the stream's, oldest first), delayed soonest due first, completed, failed and
  cancelled newest first.
  Redis serves nothing else while a script runs, so every call is bounded whatever the state holds: the start is
  reached in O(log n) (a sorted set by rank; the streams after an entry id, the prioritized set after a score; XRANGE
  has no offset, so every skipped waiting or active job is copied into Lua and the caller keeps `skip` small there), and a search looks at most at `count`
  jobs and about `bytes` bytes of payload, each payload only up to its first `prefix` bytes (STRLEN before
  GETRANGE). The caller continues from `next` in further calls.
  Listing (no search text): the next `count` ids. Search: those of the next jobs whose id, job type or payload
  contains the text (case-insensitive, plain substring).
  KEYS: 1 stream, 2 counts, 3 delayed, 4 completed, 5 failed, 6 prioritized, 7 prioritized stream, 8 cancelled
  ARGV: 1 jobPrefix, 2 group, 3 state, 4 search text (lower case; '' lists), 5 after (the entry id, or for a waiting
        prioritized job 'p' and its score, to continue after; '' from the start), 6 skip (jobs passed over first in
        waiting or active, or the start rank of a sorted set), 7 count, 8 bytes, 9 prefix
  Publishes: nothing (read only)
  Returns {stateSize, more (0/1), next, looked, bytes, partly, id...}: `next` is where the following call continues
  (waiting and active: the last entry id or 'p' score looked at; sorted set: the rank after it), `more` whether jobs
  follow it, `looked` the jobs looked at, `bytes` the payload bytes budgeted for them, `partly` the payloads searched
  only in part.
]]
--!include undelivered
--!include job-payload
--!include priority
--!include lease

local jobPrefix, group, state, search, after = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local skip, count, bytes, prefix = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local streamBacked = state == 'waiting' or state == 'active'

local function laterId(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am > bm or (am == bm and as > bs)
end

-- Appends a stream's entries in [lo, hi] (up to `n` in all) to ids, each with its id as the position after it.
local function fromStream(ids, nexts, stream, lo, hi, n)
  if #ids >= n then return end
  for _, e in ipairs(redis.call('XRANGE', stream, lo, hi, 'COUNT', n - #ids)) do
    ids[#ids + 1] = e[2][2]
    nexts[#nexts + 1] = e[1]
  end
end

-- Appends prioritized set members scored in [lo, hi) (up to `n` in all), each with 'p' and its score as position.
local function fromPrioritized(ids, nexts, lo, hi, n)
  if #ids >= n then return end
  local scored = redis.call('ZRANGEBYSCORE', KEYS[6], lo, hi, 'WITHSCORES', 'LIMIT', 0, n - #ids)
  for i = 1, #scored, 2 do
    ids[#ids + 1] = scored[i]
    nexts[#nexts + 1] = 'p' .. scored[i + 1]
  end
end

-- The waiting jobs after the cursor, in the order priority would start them: the prioritized set below priority 5,
-- the stream's undelivered entries, the set from priority 6 on.
local function waitingWindow(ids, nexts, n)
  local score = string.match(after, '^p(%d+)$')
  local defaultStart = levelStart(DEFAULT_PRIORITY)
  if after == '' or (score and tonumber(score) < defaultStart) then
    fromPrioritized(ids, nexts, score and '(' .. score or '-inf', scoreBound(defaultStart, true), n)
  end
  if not score or tonumber(score) < defaultStart then
    -- Jobs claimed since the cursor was handed out are no longer waiting: start after both.
    local last = lastDeliveredId(KEYS[1], group)
    local delivered = last ~= nil and last ~= '0-0'
    local lo = delivered and '(' .. last or '-'
    if after ~= '' and not score and (not delivered or laterId(after, last)) then lo = '(' .. after end
    fromStream(ids, nexts, KEYS[1], lo, '+', n)
  end
  local lowStart = scoreBound(levelStart(DEFAULT_PRIORITY + 1))
  fromPrioritized(ids, nexts, score and tonumber(score) >= defaultStart and '(' .. score or lowStart, '+inf', n)
end

-- The active jobs after the cursor: the prioritized stream (all its entries are pending), then the stream's
-- delivered entries.
local function activeWindow(ids, nexts, n)
  local inPrioritized = after == '' or isPrioritizedEntry(after)
  if inPrioritized then
    fromStream(ids, nexts, KEYS[7], after == '' and '-' or '(' .. after, '+', n)
  end
  local last = lastDeliveredId(KEYS[1], group)
  if last ~= nil and last ~= '0-0' then
    fromStream(ids, nexts, KEYS[1], inPrioritized and '-' or '(' .. after, last, n)
  end
end

-- Up to `n` ids from the start position on, and per id the position a read after it continues from.
local function window(n)
  local ids, nexts = {}, {}
  if streamBacked then
    if state == 'waiting' then
      waitingWindow(ids, nexts, skip + n)
    else
      activeWindow(ids, nexts, skip + n)
    end
    local keptIds, keptNexts = {}, {}
    for i = skip + 1, #ids do
      keptIds[#keptIds + 1] = ids[i]
      keptNexts[#keptNexts + 1] = nexts[i]
    end
    return keptIds, keptNexts
  end
  local key, cmd = KEYS[3], 'ZRANGE'
  if state == 'completed' then
    key, cmd = KEYS[4], 'ZREVRANGE'
  elseif state == 'failed' then
    key, cmd = KEYS[5], 'ZREVRANGE'
  elseif state == 'cancelled' then
    key, cmd = KEYS[8], 'ZREVRANGE'
  end
  ids = redis.call(cmd, key, skip, skip + n - 1)
  for i = 1, #ids do nexts[i] = tostring(skip + i) end
  return ids, nexts
end

local function stateSize()
  if state == 'waiting' then return tonumber(redis.call('HGET', KEYS[2], 'waiting') or '0') end
  if state == 'active' then return tonumber(redis.call('HGET', KEYS[2], 'active') or '0') end
  if state == 'delayed' then return redis.call('ZCARD', KEYS[3]) end
  if state == 'completed' then return redis.call('ZCARD', KEYS[4]) end
  if state == 'cancelled' then return redis.call('ZCARD', KEYS[8]) end
  return redis.call('ZCARD', KEYS[5])
end

local function contains(text)
  return text and string.find(string.lower(text), search, 1, true) ~= nil
end

-- One more than asked, to tell whether jobs follow.
local ids, nexts = window(count + 1)
local looked, used, partly, found = 0, 0, 0, {}
for i = 1, math.min(count, #ids) do
  local id = ids[i]
  if search == '' then
    found[#found + 1] = id
  else
    local key = jobPrefix .. id
    local size = redis.call('STRLEN', payloadKey(key))
    local take = math.min(size, prefix)
    -- At least one job per call, so a search always moves on.
    if looked > 0 and used + take > bytes then break end
    -- Budgeted whether read or not, so the bound of a call does not depend on where matches are.
    used = used + take
    if contains(id) or contains(redis.call('HGET', key, 'name')) then
      found[#found + 1] = id
    elseif take > 0 then
      if contains(redis.call('GETRANGE', payloadKey(key), 0, take - 1)) then
        found[#found + 1] = id
      elseif size > take then
        partly = partly + 1
      end
    end
  end
  looked = looked + 1
end

local next = nexts[looked]
if next == nil then
  next = streamBacked and after or tostring(skip)
end
local out = {stateSize(), #ids > looked and 1 or 0, next, looked, used, partly}
for _, id in ipairs(found) do out[#out + 1] = id end
return out
