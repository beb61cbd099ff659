-- A job's payload lives beside its hash, not in it: Redis keeps a hash compact (listpack) only while every
-- value is short (64 bytes by default), and one long payload would turn the whole hash into a table several
-- times its size. Keep in step with QueueKeys.payload(jobId).
local function payloadKey(jobKey)
  return jobKey .. ':payload'
end

local function deleteJob(jobKey)
  redis.call('DEL', jobKey, payloadKey(jobKey))
end
