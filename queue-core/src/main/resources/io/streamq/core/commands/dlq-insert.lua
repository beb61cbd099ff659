--[[
  dlq-insert: store a batch of dead-letter records forwarded from the queues' dead streams, idempotently.
  The entry id is the original job id. A job that was replayed and failed again comes back as the same entry:
  its error, lastFailedAt and attemptsMade are updated; firstFailedAt, replayCount and history are kept.
  A record already stored (same id, same lastFailedAt) changes nothing, so a repeated forward is not counted
  twice; an older record than the one stored (late duplicate) is ignored too.
  Indexes and analytics counters change in the same call, so they always match the entries.
  KEYS: 1 idx:all, 2 stats
  ARGV: 1 root, 2 channel, 3 hour bucket ttl ms, 4 max entries (0: no bound), 5 record count,
        then per record 17 values: id, queue, name, errorName, errorMessage, errorStack, errorCode,
        firstFailedAt, lastFailedAt, attemptsMade, payload, tenantId, workspaceId, actorId, replayCount,
        fingerprint, example message
  Returns one status per record ('added', 'updated', 'duplicate', 'stale'), then the number of entries the count
  bound dropped.
]]
--!include clock
--!include events
--!include dlq-keys
--!include dlq-remove

local PER_RECORD = 17
local HISTORY_MAX = 20
local hourTtlMs = tonumber(ARGV[3])
local maxEntries = tonumber(ARGV[4])
local n = tonumber(ARGV[5])

local function count(key, member)
  redis.call('ZINCRBY', key, 1, member)
end

local function hour(ts, queue)
  local key = dlqHourKey(ts)
  redis.call('HINCRBY', key, 'total', 1)
  redis.call('HINCRBY', key, 'q:' .. queue, 1)
  -- Kept hourTtlMs after the hour ends; a record older than that expires at once.
  redis.call('PEXPIREAT', key, (math.floor(ts / 3600000) + 1) * 3600000 + hourTtlMs)
end

local function withHistory(json, event)
  local history = {}
  if json and json ~= '' then
    history = cjson.decode(json)
  end
  history[#history + 1] = event
  while #history > HISTORY_MAX do
    table.remove(history, 1)
  end
  return cjson.encode(history)
end

local results = {}
for i = 0, n - 1 do
  local b = 5 + i * PER_RECORD
  local id, queue, name = ARGV[b + 1], ARGV[b + 2], ARGV[b + 3]
  local errorName, message, stack, code = ARGV[b + 4], ARGV[b + 5], ARGV[b + 6], ARGV[b + 7]
  local firstFailedAt, lastFailedAt = tonumber(ARGV[b + 8]), tonumber(ARGV[b + 9])
  local attempts, payload = ARGV[b + 10], ARGV[b + 11]
  local tenant, workspace, actor = ARGV[b + 12], ARGV[b + 13], ARGV[b + 14]
  local replayCount, fingerprint, example = tonumber(ARGV[b + 15]), ARGV[b + 16], ARGV[b + 17]
  local key = dlqEntryKey(id)
  local old = redis.call('HMGET', key, 'lastFailedAt', 'errorCode', 'fingerprint', 'replayCount', 'history',
    'originalQueue')
  local status
  if old[1] and tonumber(old[1]) == lastFailedAt then
    redis.call('HINCRBY', KEYS[2], 'duplicates', 1)
    status = 'duplicate'
  elseif old[1] and tonumber(old[1]) > lastFailedAt then
    redis.call('HINCRBY', KEYS[2], 'duplicates', 1)
    status = 'stale'
  else
    local event = {event = 'failed', at = lastFailedAt, errorCode = code, attempts = tonumber(attempts)}
    if old[1] then
      -- Failed again after a replay: move the entry from its old error and hour to the new ones.
      queue = old[6]
      dlqUncount(dlqKey('count:code'), old[2])
      if dlqUncount(dlqKey('count:reason'), old[3]) <= 0 then
        redis.call('HDEL', dlqKey('reason:example'), old[3])
      end
      dlqUnhour(old[1], queue)
      redis.call('ZREM', dlqKey('idx:code:' .. old[2]), id)
      replayCount = math.max(replayCount, tonumber(old[4]) or 0)
      redis.call('ZADD', dlqKey('idx:replays'), replayCount, id)
      redis.call('ZADD', dlqKey('idx:replays:' .. queue), replayCount, id)
      redis.call('HSET', key, 'errorName', errorName, 'errorMessage', message, 'errorStack', stack,
        'errorCode', code, 'lastFailedAt', lastFailedAt, 'attemptsMade', attempts, 'payload', payload,
        'fingerprint', fingerprint, 'replayCount', replayCount, 'history', withHistory(old[5], event))
      status = 'updated'
    else
      redis.call('HSET', key, 'originalQueue', queue, 'originalJobId', id, 'originalJobName', name,
        'errorName', errorName, 'errorMessage', message, 'errorStack', stack, 'errorCode', code,
        'firstFailedAt', firstFailedAt, 'lastFailedAt', lastFailedAt, 'attemptsMade', attempts,
        'isReplayed', replayCount > 0 and 1 or 0, 'replayCount', replayCount, 'lastReplayedAt', '',
        'payload', payload, 'tenantId', tenant, 'workspaceId', workspace, 'actorId', actor,
        'fingerprint', fingerprint, 'history', withHistory(nil, event))
      count(dlqKey('count:queue'), queue)
      count(dlqKey('count:name'), name)
      redis.call('ZADD', dlqKey('idx:replays'), replayCount, id)
      redis.call('ZADD', dlqKey('idx:replays:' .. queue), replayCount, id)
      redis.call('HINCRBY', KEYS[2], 'sumFirstFailedAt', firstFailedAt)
      status = 'added'
    end
    count(dlqKey('count:code'), code)
    count(dlqKey('count:reason'), fingerprint)
    redis.call('HSET', dlqKey('reason:example'), fingerprint, example)
    hour(lastFailedAt, queue)
    redis.call('ZADD', KEYS[1], lastFailedAt, id)
    redis.call('ZADD', dlqKey('idx:queue:' .. queue), lastFailedAt, id)
    redis.call('ZADD', dlqKey('idx:name:' .. name), lastFailedAt, id)
    redis.call('ZADD', dlqKey('idx:code:' .. code), lastFailedAt, id)
    emit({type = 'added', id = id, originalQueue = queue, jobName = name, errorCode = code, ts = lastFailedAt,
      again = status == 'updated', replayCount = replayCount})
  end
  results[#results + 1] = status
end

-- The count bound is kept on every insert (it drops about as many as were added); the age bound is the
-- periodic dlq-retention's job.
local dropped = dlqDropBeyondCount(maxEntries, 2 * n + 10)
if dropped > 0 then
  redis.call('HINCRBY', KEYS[2], 'retentionDropped', dropped)
  emit({type = 'expired', count = dropped, ts = nowMs()})
end
publishEvents(ARGV[2], 'dlq')
results[#results + 1] = dropped
return results
