-- Finding a (score, member) position in a DLQ index again, in Redis's order (score, then member bytes), whether or
-- not that member is still there with that score: the cursor of a walk whose last member was deleted or re-scored
-- since. Needs nothing.

-- Byte order, as Redis orders equal scores (Lua's own < on strings follows the server's locale).
local function dlqBytesBefore(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then
      return x < y
    end
  end
  return #a < #b
end

-- How many members of `index` sort before (score, member) in ascending order, and whether the member is there with
-- that score. O(log n) when it is (ZRANK). Otherwise a binary search over the block of members with that score,
-- whose rank range two ZCOUNTs give: about log2(block) one-member ZRANGE probes, each O(log n). The replay indexes
-- hold counts 0-5, so a block can be a third of all entries; equal times are rare.
local function dlqRankOf(index, score, member)
  local current = redis.call('ZSCORE', index, member)
  if current and tonumber(current) == tonumber(score) then
    return redis.call('ZRANK', index, member), true
  end
  local lo, hi = redis.call('ZCOUNT', index, '-inf', '(' .. score), redis.call('ZCOUNT', index, '-inf', score)
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if dlqBytesBefore(redis.call('ZRANGE', index, mid, mid)[1], member) then
      lo = mid + 1
    else
      hi = mid
    end
  end
  return lo, false
end
