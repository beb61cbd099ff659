-- An entry's history: a JSON array of its failures, replays and success, oldest first, at most 20 events.
local DLQ_HISTORY_MAX = 20

-- Reads a stored history; an unreadable one starts over instead of failing the script after earlier writes.
local function dlqHistory(json)
  if not json or json == '' then
    return {}
  end
  local ok, history = pcall(cjson.decode, json)
  if ok and type(history) == 'table' then
    return history
  end
  return {}
end

-- Appends an event and answers the JSON to store.
local function dlqWithEvent(history, event)
  history[#history + 1] = event
  while #history > DLQ_HISTORY_MAX do
    table.remove(history, 1)
  end
  return cjson.encode(history)
end
