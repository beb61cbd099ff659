--[[
  watch-job: a producer replica is about to wait for a job (GET /v1/jobs/{id}?wait=). Marks the job `watched`, so the
  scripts that finish it publish it on the finished channel (includes/job-finished.lua), and answers its state in the
  same step: a job that finished before the mark is seen here, one that finishes after it is published, so no finish
  falls between the two. The mark stays with the job (a later replay's finish is published too; nobody may wait).
  KEYS: 1 job
  ARGV:
  Publishes: nothing
  Returns the job's state, or false when there is no such job (nothing is written then).
]]
local state = redis.call('HGET', KEYS[1], 'state')
if state then
  redis.call('HSET', KEYS[1], 'watched', 1)
end
return state
