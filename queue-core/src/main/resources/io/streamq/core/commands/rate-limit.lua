--[[
  rate-limit: GCRA (the generic cell rate algorithm, a token bucket kept as one timestamp) over one or more
  buckets at once, e.g. the client IP's and the user's bucket of one endpoint group. All or nothing: a request
  is counted in every bucket only when every bucket allows it, so a refused request costs no quota. One script,
  so concurrent requests on any number of service replicas see one consistent state.

  A bucket stores its "theoretical arrival time" (TAT, ms of the Redis clock): each allowed request pushes it
  one emission interval (window / limit) further; a request is allowed while TAT - now stays within the window.
  The key expires once the bucket is full again, so idle clients cost no memory.

  Several requests of the same buckets (concurrent ones a service coalesced) are decided in one call, one after
  the other, each exactly as its own call at the same instant would be.

  KEYS: then per bucket: bucket key (all under one hash tag)
  ARGV: 1 window ms, 2 requests (how many to decide, >= 1), then per bucket: limit (of its key, > 0)
  Publishes: nothing
  Returns per request, flat: allowed 1|0, limit, remaining, resetMs, retryAfterMs, of the tightest bucket:
  resetMs is the time until that bucket is full again, retryAfterMs the wait before a retry can pass (0 if allowed).
]]
--!include clock

local now = nowMs()
local window = tonumber(ARGV[1])
local requests = tonumber(ARGV[2])
local EPSILON = 1e-6

-- One request: allowed only when every bucket allows it, and then counted in all of them.
local function decide()
  local allowed = 1
  local tats = {}
  local pick = nil
  for i = 1, #KEYS do
    local limit = tonumber(ARGV[2 + i])
    local interval = window / limit
    local tat = tonumber(redis.call('GET', KEYS[i]) or now)
    if tat < now then
      tat = now
    end
    local newTat = tat + interval
    local allowAt = newTat - window
    local r
    if now < allowAt then
      allowed = 0
      r = {limit = limit, remaining = 0, reset = tat - now, retry = allowAt - now, denied = true}
    else
      r = {limit = limit, remaining = math.floor((window - (newTat - now)) / interval + EPSILON), reset = newTat - now,
        retry = 0, denied = false}
    end
    tats[i] = newTat
    -- Report the bucket that decides: a refusing one with the longest wait, else the one with least left.
    if pick == nil
        or (r.denied and (not pick.denied or r.retry > pick.retry))
        or (not r.denied and not pick.denied and r.remaining < pick.remaining) then
      pick = r
    end
  end

  if allowed == 1 then
    for i = 1, #KEYS do
      redis.call('SET', KEYS[i], string.format('%.3f', tats[i]), 'PX', math.max(1, math.ceil(tats[i] - now)))
    end
  end
  return {allowed, pick.limit, pick.remaining, math.ceil(pick.reset), math.ceil(pick.retry)}
end

local out = {}
for _ = 1, requests do
  for _, v in ipairs(decide()) do
    out[#out + 1] = v
  end
end
return out
