-- Priorities run from 1 (starts first) to 10 (starts last); 5 is the default. A waiting job of priority 5 is an entry
-- of the queue's stream, as before priorities existed; a waiting job of any other priority has no stream entry and
-- waits in the prioritized set, scored priority * LEVEL + a per-queue sequence taken when it entered waiting: lower
-- priorities first, first in first out within one. Scores stay below 2^53, where doubles are exact.
local MIN_PRIORITY, DEFAULT_PRIORITY, MAX_PRIORITY = 1, 5, 10
local LEVEL = 17592186044416 -- 2^44 sequence numbers per priority

-- The first score of a priority (and the end, exclusive, of the one before it).
local function levelStart(priority)
  return priority * LEVEL
end

local function levelOf(score)
  return math.floor(tonumber(score) / LEVEL)
end

-- A score bound as ZRANGEBYSCORE reads it: Lua's own number-to-string conversion keeps only 14 digits.
local function scoreBound(score, exclusive)
  return string.format(exclusive and '(%.0f' or '%.0f', score)
end
