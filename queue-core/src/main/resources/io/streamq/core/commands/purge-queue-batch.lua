--[[
  purge-queue-batch: deletes up to `limit` jobs of each of waiting, delayed, completed, failed and cancelled; the caller repeats
  while `more` is 1. Active jobs are left to finish: their workers hold leases, and their outcome scripts record them
  (into completed or failed) after the purge, so nothing runs twice and no worker meets a vanished job mid-run. The
  queue's paused flag, lifetime totals and metric facts are untouched; the DLQ is dlq-service's.
  Waiting jobs are the undelivered stream entries and the prioritized set's members: each entry is XDEL'd (each member
  removed) and its job hash deleted when still waiting; up to `limit` of each.
  KEYS: 1 stream, 2 counts, 3 delayed, 4 completed, 5 failed, 6 prioritized, 7 cancelled
  ARGV: 1 jobPrefix, 2 group, 3 limit, 4 queue, 5 channel, 6 actor
  Publishes: job events: one queue-level 'purged' (with the actor) when the call removed jobs
  Returns {waiting, delayed, completed, failed, cancelled, more}.
]]
--!include clock
--!include events
--!include undelivered
--!include removal-policy

local jobPrefix, group, limit, queue, channel, actor = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5],
  ARGV[6]
local more = 0
-- ZRANGE 0 -1 and XRANGE COUNT 0 would mean "everything": a limit below 1 deletes nothing.
if limit < 1 then
  return {0, 0, 0, 0, 0, 0}
end

local waiting = 0
local start = undeliveredStart(KEYS[1], group)
local entries = redis.call('XRANGE', KEYS[1], start, '+', 'COUNT', limit)
for _, entry in ipairs(entries) do
  local jobId = entry[2][2]
  if redis.call('HGET', jobPrefix .. jobId, 'state') == 'waiting' then
    deleteJob(jobPrefix .. jobId)
    waiting = waiting + 1
  end
  redis.call('XDEL', KEYS[1], entry[1])
end
if #entries == limit then more = 1 end
local members = redis.call('ZRANGE', KEYS[6], 0, limit - 1)
for _, jobId in ipairs(members) do
  if redis.call('HGET', jobPrefix .. jobId, 'state') == 'waiting' then
    deleteJob(jobPrefix .. jobId)
    waiting = waiting + 1
  end
end
callSliced('ZREM', KEYS[6], members)
if #members == limit then more = 1 end
if waiting > 0 then
  redis.call('HINCRBY', KEYS[2], 'waiting', -waiting)
end

local function purgeIndex(index)
  local removed = dropJobs(index, jobPrefix, redis.call('ZRANGE', index, 0, limit - 1))
  if removed == limit then more = 1 end
  return removed
end

local delayed = purgeIndex(KEYS[3])
local completed = purgeIndex(KEYS[4])
local failed = purgeIndex(KEYS[5])
local cancelled = purgeIndex(KEYS[7])
if waiting + delayed + completed + failed + cancelled > 0 then
  emit({state = 'purged', ts = nowMs(), actor = actor})
end
publishEvents(channel, queue)
return {waiting, delayed, completed, failed, cancelled, more}
