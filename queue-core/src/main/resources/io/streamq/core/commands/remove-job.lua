--[[
  remove-job: an owner removes one job in any state except active (a running job is left to its worker, whose
  outcome script would otherwise record into a job that no longer exists). The job hash goes, the indexes are
  cleaned, the live `waiting` counter is adjusted and a waiting job's stream entry is XDEL'd. Lifetime totals and
  metric facts are history and stay. A failed job's DLQ record is dlq-service's and stays.
  KEYS: 1 stream, 2 counts, 3 delayed, 4 completed, 5 failed
  ARGV: 1 jobPrefix, 2 queue, 3 channel, 4 jobId, 5 actor, 6 group, 7 most stream entries scanned for the entry
  Returns {'removed', previous state, 1 when the stream entry was found and deleted else 0}; {'not-found'};
  or {'refused', 'active'}.
]]
--!include clock
--!include events
--!include undelivered
--!include job-payload

local jobPrefix, queue, channel, jobId, actor, group = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local scanLimit = tonumber(ARGV[7])
local jobKey = jobPrefix .. jobId
local job = redis.call('HMGET', jobKey, 'state', 'name', 'createdAt', 'dueAt', 'requeuedAt')
local state = job[1]
if not state then
  return {'not-found'}
end
if state == 'active' then
  return {'refused', 'active'}
end

local now = nowMs()
local entryDeleted = 0
if state == 'waiting' then
  -- 1 s of margin: an entry id is taken from the server clock of the call that made the job waiting.
  local hint = math.max(tonumber(job[3] or '0'), tonumber(job[4] or '0'), tonumber(job[5] or '0')) - 1000
  local entryId = findUndeliveredEntry(KEYS[1], group, jobId, hint, scanLimit)
  if entryId then
    redis.call('XDEL', KEYS[1], entryId)
    entryDeleted = 1
  end
  -- Not found within the bound: claim settles the orphan entry when it reaches it (the hash is gone).
  redis.call('HINCRBY', KEYS[2], 'waiting', -1)
end
redis.call('ZREM', KEYS[3], jobId)
redis.call('ZREM', KEYS[4], jobId)
redis.call('ZREM', KEYS[5], jobId)
deleteJob(jobKey)
emit({jobId = jobId, name = job[2], state = 'removed', ts = now, actor = actor})
publishEvents(channel, queue)
return {'removed', state, entryDeleted}
