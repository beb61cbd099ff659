-- Argument checks a DLQ script runs before its first write: Redis does not roll back a script that stops half-way,
-- so a bad record found mid-batch would leave entries half-written. The Java callers never send such values;
-- these checks keep any other caller from corrupting the store.

-- A non-negative integer of at most 15 digits (exact in Lua's doubles): times in ms, counts.
local function dlqIsCount(s)
  return type(s) == 'string' and #s > 0 and #s <= 15 and not string.find(s, '%D')
end

local function dlqIsText(s)
  return type(s) == 'string' and s ~= ''
end

-- Checks `n` records of `width` arguments from ARGV[first]: the listed fields must be text / counts.
-- Answers nil when all pass, else what failed.
local function dlqInvalidRecords(first, n, width, texts, counts)
  if #ARGV ~= first - 1 + n * width then
    return 'argument count'
  end
  for i = 0, n - 1 do
    local b = first - 1 + i * width
    for _, f in ipairs(texts) do
      if not dlqIsText(ARGV[b + f]) then
        return 'record ' .. (i + 1) .. ', value ' .. f .. ' must be text'
      end
    end
    for _, f in ipairs(counts) do
      if not dlqIsCount(ARGV[b + f]) then
        return 'record ' .. (i + 1) .. ', value ' .. f .. ' must be a non-negative integer'
      end
    end
  end
  return nil
end
