-- Events of one script call go out as one message, so a batch of 500 completions costs one PUBLISH.
local events = {}

local function emit(event)
  events[#events + 1] = event
end

local function publishEvents(channel, queue)
  if #events > 0 then
    redis.call('PUBLISH', channel, cjson.encode({queue = queue, events = events}))
  end
end
