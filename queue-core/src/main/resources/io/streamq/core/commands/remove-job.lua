--[[
  remove-job: an owner removes one job in any state except active (a running job is left to its worker, whose
  outcome script would otherwise record into a job that no longer exists). The job hash goes, the indexes are
  cleaned, the live `waiting` counter is adjusted and a waiting job's stream entry (its `entry`) or prioritized set
  member is deleted, so it can never be delivered. Lifetime totals and metric facts are history and stay. A failed
  job's DLQ record is dlq-service's and stays.
  KEYS: 1 stream, 2 counts, 3 delayed, 4 completed, 5 failed, 6 prioritized, 7 cancelled
  ARGV: 1 jobPrefix, 2 queue, 3 channel, 4 jobId, 5 actor
  Publishes: job events: 'removed' (with the actor)
  Returns {'removed', previous state}; {'not-found'}; or {'refused', 'active'}.
]]
--!include clock
--!include events
--!include job-payload
--!include leave-waiting

local jobPrefix, queue, channel, jobId, actor = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local jobKey = jobPrefix .. jobId
local job = redis.call('HMGET', jobKey, 'state', 'name', 'entry')
local state = job[1]
if not state then
  return {'not-found'}
end
if state == 'active' then
  return {'refused', 'active'}
end

local now = nowMs()
leaveWaiting({stream = KEYS[1], counts = KEYS[2], delayed = KEYS[3], prioritized = KEYS[6]}, jobId, state, job[3])
redis.call('ZREM', KEYS[4], jobId)
redis.call('ZREM', KEYS[5], jobId)
redis.call('ZREM', KEYS[7], jobId)
deleteJob(jobKey)
emit({jobId = jobId, name = job[2], state = 'removed', ts = now, actor = actor})
publishEvents(channel, queue)
return {'removed', state}
