-- Index and counter changes of a batch of entries, gathered while the script walks the batch and applied at the
-- end: one variadic command per index and one per distinct counter member, instead of a dozen commands per entry.
-- The work inside Redis is the same; the script's overhead per command is what this saves, and it is most of the
-- cost of a DLQ script. Later changes of the same member win, as if applied in order. Needs dlq-keys.

local function dlqBatch()
  return {indexes = {}, counts = {}, hours = {}}
end

-- Member `id` of index `suffix` gets `score`; a score of false removes it.
local function dlqIndex(batch, suffix, id, score)
  local members = batch.indexes[suffix]
  if not members then
    members = {}
    batch.indexes[suffix] = members
  end
  members[id] = score
end

-- Adds `n` (negative to take away) to `member` of counting zset `suffix`.
local function dlqCount(batch, suffix, member, n)
  local members = batch.counts[suffix]
  if not members then
    members = {}
    batch.counts[suffix] = members
  end
  members[member] = (members[member] or 0) + n
end

-- Adds `n` to the hour bucket of `ts`: its total and its queue's count.
local function dlqHour(batch, ts, queue, n)
  local hour = math.floor(tonumber(ts) / 3600000)
  local bucket = batch.hours[hour]
  if not bucket then
    bucket = {}
    batch.hours[hour] = bucket
  end
  bucket['total'] = (bucket['total'] or 0) + n
  bucket['q:' .. queue] = (bucket['q:' .. queue] or 0) + n
end

-- Applies everything gathered. Counting zsets drop members at zero (and a reason with no entry its example); an hour
-- bucket that gains lives hourTtlMs past its hour, one that only loses is not recreated once expired.
local function dlqApply(batch, hourTtlMs)
  for suffix, members in pairs(batch.indexes) do
    local add, remove = {}, {}
    for id, score in pairs(members) do
      if score then
        add[#add + 1] = score
        add[#add + 1] = id
      else
        remove[#remove + 1] = id
      end
    end
    if #remove > 0 then
      redis.call('ZREM', dlqKey(suffix), unpack(remove))
    end
    if #add > 0 then
      redis.call('ZADD', dlqKey(suffix), unpack(add))
    end
  end
  for suffix, members in pairs(batch.counts) do
    for member, n in pairs(members) do
      if n ~= 0 and tonumber(redis.call('ZINCRBY', dlqKey(suffix), n, member)) <= 0 then
        redis.call('ZREM', dlqKey(suffix), member)
        if suffix == 'count:reason' then
          redis.call('HDEL', dlqKey('reason:example'), member)
        end
      end
    end
  end
  for hour, fields in pairs(batch.hours) do
    local key = dlqKey('hour:' .. hour)
    local gains = false
    for _, n in pairs(fields) do
      gains = gains or n > 0
    end
    if gains or redis.call('EXISTS', key) == 1 then
      for field, n in pairs(fields) do
        if n ~= 0 then
          redis.call('HINCRBY', key, field, n)
        end
      end
      if gains then
        redis.call('PEXPIREAT', key, (hour + 1) * 3600000 + hourTtlMs)
      end
    end
  end
end
