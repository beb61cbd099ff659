-- Tombstones of entries an owner deleted (delete, bulk delete, clear). A forwarder that stored a record and died
-- before acknowledging it leaves the record pending, and another replica forwards it again later: without a
-- tombstone that would bring the deleted entry back. A tombstone keeps out the records of the entry up to the
-- lastFailedAt it had when it was deleted; a later failure of the job is new and is stored. Needs dlq-keys.
--!include dlq-bounded

-- Buries the entries dlqRemoveMany just removed (`gone`, `removed` as it answers them).
local function dlqBury(gone, removed, now)
  if #gone == 0 then
    return
  end
  local scores, failedAt = {}, {}
  for _, id in ipairs(gone) do
    scores[#scores + 1] = now
    scores[#scores + 1] = id
    failedAt[#failedAt + 1] = id
    failedAt[#failedAt + 1] = removed[id][4]
  end
  redis.call('ZADD', dlqKey('tombstones'), unpack(scores))
  redis.call('HSET', dlqKey('tombstone:failedAt'), unpack(failedAt))
end

-- The lastFailedAt entry `id` had when an owner deleted it, or false: records failed no later belong to it.
local function dlqBuriedAt(id)
  local failedAt = redis.call('HGET', dlqKey('tombstone:failedAt'), id)
  return failedAt and tonumber(failedAt)
end

local function dlqUnbury(ids)
  if #ids > 0 then
    redis.call('ZREM', dlqKey('tombstones'), unpack(ids))
    redis.call('HDEL', dlqKey('tombstone:failedAt'), unpack(ids))
  end
  return #ids
end

-- Bounds (docs/dlq.md): see dlqTrimBounded.
local function dlqTrimTombstones(now, maxAgeMs, minAgeMs, maxCount, limit)
  return dlqTrimBounded(dlqKey('tombstones'), dlqUnbury, now, maxAgeMs, minAgeMs, maxCount, limit)
end
