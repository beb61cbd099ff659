-- Takes a waiting or delayed job out of where a worker would find it, for the owner's and producer's actions that
-- end it before it runs (remove-job, cancel-jobs): a waiting job's undelivered stream entry (its `entry`, priority 5)
-- or its prioritized set member, and the live `waiting` counter; a delayed job's index member. `keys` names stream,
-- prioritized, delayed and counts.
local function leaveWaiting(keys, jobId, state, entry)
  if state == 'waiting' then
    if entry then
      redis.call('XDEL', keys.stream, entry)
    end
    redis.call('ZREM', keys.prioritized, jobId)
    redis.call('HINCRBY', keys.counts, 'waiting', -1)
  elseif state == 'delayed' then
    redis.call('ZREM', keys.delayed, jobId)
  end
end
