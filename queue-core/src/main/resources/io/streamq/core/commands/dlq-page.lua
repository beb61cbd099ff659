--[[
  dlq-page (read only): members of one DLQ index in the order the list and the export show them, highest score
  first (equal scores: members in descending byte order, Redis's own order), within the score range
  [min, max], from a position found in O(log n), whatever the depth:
  - 'offset' k: the k-th member of the range. Its rank is ZCOUNT(score > max) + k, and ZREVRANGE by rank walks the
    skiplist by span, O(log n + count). (ZREVRANGEBYSCORE ... LIMIT k walks all k members: O(k).)
  - 'after' (score, member): the members strictly after that one, the cursor of the export and of scans. When the
    member is still there with that score its rank is ZRANK, O(log n). Otherwise (deleted, or re-scored by a
    replay meanwhile) the position is found by a binary search over the block of members with that score, whose
    rank range two ZCOUNTs give: about log2(block) ZRANGE probes of one member, each O(log n)
    (includes/dlq-seek.lua).
  So each call costs O(log^2 n + count) at most, and nothing is skipped or repeated when members go meanwhile.
  KEYS: 1 index
  ARGV: 1 max score ('+inf' or a number), 2 min score ('-inf' or a number), 3 count, 4 mode ('offset' or 'after'),
        5 position (the offset, or the cursor's score), 6 cursor member (optional: 'after' only)
  Publishes: nothing (read only)
  Returns [member, score, member, score, ...], at most count pairs.
]]
--!include dlq-seek

local index, max, min, count = KEYS[1], ARGV[1], ARGV[2], tonumber(ARGV[3])

-- How many members rank before the first one scored at most `score` (all scored higher).
local function ranksAbove(score)
  if score == '+inf' then
    return 0
  end
  return redis.call('ZCOUNT', index, '(' .. score, '+inf')
end

local start
if ARGV[4] == 'offset' then
  start = ranksAbove(max) + tonumber(ARGV[5])
else
  -- The members after the cursor in this order are the ones that sort before it in Redis's ascending order.
  start = math.max(redis.call('ZCARD', index) - dlqRankOf(index, ARGV[5], ARGV[6]), ranksAbove(max))
end

local out = {}
if count <= 0 then
  return out
end
local floor = min ~= '-inf' and tonumber(min) or nil
local items = redis.call('ZREVRANGE', index, start, start + count - 1, 'WITHSCORES')
for i = 1, #items, 2 do
  if floor and tonumber(items[i + 1]) < floor then
    break
  end
  out[#out + 1] = items[i]
  out[#out + 1] = items[i + 1]
end
return out
