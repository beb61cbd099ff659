--!include clock
--!include priority
-- Every way into waiting goes through addWaitingEntry, so the choice between the queue's stream and the prioritized
-- set is made here only. `keys` names the queue's stream, prioritized set, counts and wake stream.
-- A waiting job of priority 5 has exactly one stream entry, and its id is kept on the job (`entry`): claim hands over
-- only that entry (any other entry naming the job is a stray and is dropped), and remove-job deletes it directly.
-- A waiting job of another priority has no entry: it is a member of the prioritized set, and `waitingSince` keeps when
-- it entered waiting (a stream entry's id carries that time; a set member does not).
-- Idle workers block on the stream (XREAD); a prioritized job adds no entry there, so the script also adds one to the
-- wake stream (at most once per call, kept to one entry), which idle workers block on as well.
local wokeIdleWorkers = false

local function addWaitingEntry(keys, jobKey, jobId, priority)
  priority = priority or tonumber(redis.call('HGET', jobKey, 'priority') or DEFAULT_PRIORITY)
  if priority == DEFAULT_PRIORITY then
    local entryId = redis.call('XADD', keys.stream, '*', 'j', jobId)
    redis.call('HSET', jobKey, 'state', 'waiting', 'entry', entryId)
    return entryId
  end
  local seq = redis.call('HINCRBY', keys.counts, 'waitingSeq', 1)
  redis.call('ZADD', keys.prioritized, levelStart(priority) + seq, jobId)
  redis.call('HSET', jobKey, 'state', 'waiting', 'waitingSince', nowMs())
  redis.call('HDEL', jobKey, 'entry')
  if not wokeIdleWorkers then
    redis.call('XADD', keys.wake, 'MAXLEN', 1, '*', 'w', 1)
    wokeIdleWorkers = true
  end
  return ''
end
