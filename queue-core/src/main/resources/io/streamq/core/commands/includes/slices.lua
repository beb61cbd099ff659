-- Lua 5.1 cannot unpack() 8,000 values or more into one call ("too many results to unpack"), and a script that fails
-- there has already written what came before. Lists of any length go to Redis in slices instead.
local SLICE = 1000

-- Calls fn(first, last) for consecutive index ranges of at most SLICE items of a list of n items.
local function forSlices(n, fn)
  for first = 1, n, SLICE do
    fn(first, math.min(first + SLICE - 1, n))
  end
end

-- redis.call(command, key, items...) for every slice of items.
local function callSliced(command, key, items)
  forSlices(#items, function(first, last)
    redis.call(command, key, unpack(items, first, last))
  end)
end
