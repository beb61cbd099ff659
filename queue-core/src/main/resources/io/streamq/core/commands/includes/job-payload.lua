-- A job's payload lives beside its hash, not in it: Redis keeps a hash compact (listpack) only while every
-- value is short (64 bytes by default), and one long payload would turn the whole hash into a table several
-- times its size. Keep in step with QueueKeys.payload(jobId).
-- Every script that deletes a job goes through deleteJob, so the keys beside the hash go with it.
local function payloadKey(jobKey)
  return jobKey .. ':payload'
end

-- The job's log lines (report-progress.lua): bounded, and never outlive the job. Keep in step with QueueKeys.logs.
local function logsKey(jobKey)
  return jobKey .. ':logs'
end

local function deleteJob(jobKey)
  redis.call('DEL', jobKey, payloadKey(jobKey), logsKey(jobKey))
end
