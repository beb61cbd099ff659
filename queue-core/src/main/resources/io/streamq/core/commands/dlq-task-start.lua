--[[
  dlq-task-start: records a confirmed clear as a running background task. The task hash holds what GET shows
  (filters, cutoff, target, removed so far, times), what dlq-clear-batch walks (index, score range; the cursor it
  adds as it goes) and the audit facts of the request that started it, so whichever replica finishes the task, or
  declares it interrupted, can write its final audit outcome.
  KEYS: 1 task hash, 2 running tasks
  ARGV: 1 task id, 2 source index, 3 min score, 4 max score, 5 cutoff (ms: entries that last failed later stay),
        6 target (entries selected when confirmed, an estimate), 7 originalQueue ('' = all), 8 minReplayCount
        ('' = none), 9 actor, 10 audit attempt id, 11 client ip, 12 request id
  Publishes: nothing
  Returns the start time (ms).
]]
--!include clock

local now = nowMs()
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'state', 'running', 'index', ARGV[2], 'minScore', ARGV[3],
  'maxScore', ARGV[4], 'cutoff', ARGV[5], 'target', ARGV[6], 'removed', 0, 'originalQueue', ARGV[7],
  'minReplayCount', ARGV[8], 'actor', ARGV[9], 'attemptId', ARGV[10], 'clientIp', ARGV[11], 'requestId', ARGV[12],
  'startedAt', now, 'updatedAt', now)
redis.call('ZADD', KEYS[2], now, ARGV[1])
return now
