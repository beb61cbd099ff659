--[[
  dlq-task-start: records a confirmed clear as a running background task. The task hash holds what GET shows
  (filters, target, removed so far, times) and the audit facts of the request that started it, so whichever
  replica finishes the task, or declares it interrupted, can write its final audit outcome.
  KEYS: 1 task hash, 2 running tasks
  ARGV: 1 task id, 2 source index, 3 min score, 4 target (entries selected when confirmed), 5 originalQueue
        ('' = all), 6 minReplayCount ('' = none), 7 actor, 8 audit attempt id, 9 client ip, 10 request id
  Returns the start time (ms).
]]
--!include clock

local now = nowMs()
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'state', 'running', 'index', ARGV[2], 'minScore', ARGV[3],
  'target', ARGV[4], 'removed', 0, 'originalQueue', ARGV[5], 'minReplayCount', ARGV[6], 'actor', ARGV[7],
  'attemptId', ARGV[8], 'clientIp', ARGV[9], 'requestId', ARGV[10], 'startedAt', now, 'updatedAt', now)
redis.call('ZADD', KEYS[2], now, ARGV[1])
return now
