-- A producer waiting for a job (GET /v1/jobs/{id}?wait=) marks the job `watched` (watch-job.lua). The scripts that
-- finish a job read that field with the fields they read anyway and tell the waiting replicas in one message per
-- call, only about watched jobs: a queue nobody waits on pays nothing and the channel stays quiet.
local finishedJobs = {}

local function noteFinished(jobId, state)
  finishedJobs[#finishedJobs + 1] = {jobId = jobId, state = state}
end

local function publishFinished(channel, queue)
  if #finishedJobs > 0 then
    redis.call('PUBLISH', channel, cjson.encode({queue = queue, jobs = finishedJobs}))
  end
end
