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

-- Checks `n` records of the named `fields` (in the order the docblock lists them) from ARGV[first]: the fields
-- named in `texts` must be text, those in `counts` counts. Answers nil when all pass, else what failed.
local function dlqInvalidRecords(first, n, fields, texts, counts)
  if #ARGV ~= first - 1 + n * #fields then
    return 'argument count'
  end
  local at = {}
  for i, f in ipairs(fields) do
    at[f] = i
  end
  for i = 0, n - 1 do
    local b = first - 1 + i * #fields
    for _, f in ipairs(texts) do
      if not dlqIsText(ARGV[b + at[f]]) then
        return 'record ' .. (i + 1) .. ', ' .. f .. ' must be text'
      end
    end
    for _, f in ipairs(counts) do
      if not dlqIsCount(ARGV[b + at[f]]) then
        return 'record ' .. (i + 1) .. ', ' .. f .. ' must be a non-negative integer'
      end
    end
  end
  return nil
end

-- Record `i` (from 0) of the named `fields` from ARGV[first], as a table by field name.
local function dlqRecord(first, i, fields)
  local record, b = {}, first - 1 + i * #fields
  for f, name in ipairs(fields) do
    record[name] = ARGV[b + f]
  end
  return record
end
