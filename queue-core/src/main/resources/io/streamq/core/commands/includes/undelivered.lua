-- The stream holds exactly the undelivered entries (waiting jobs) and the pending ones (active jobs): every
-- recorded outcome acknowledges and deletes its entry. Entries after the group's last-delivered id are the
-- undelivered ones, so "waiting" is a range of the stream, with no per-job bookkeeping.
local function lastDeliveredId(stream, group)
  if redis.call('EXISTS', stream) == 0 then
    return nil
  end
  for _, g in ipairs(redis.call('XINFO', 'GROUPS', stream)) do
    local info = {}
    for i = 1, #g, 2 do info[g[i]] = g[i + 1] end
    if info['name'] == group then
      return info['last-delivered-id']
    end
  end
  return nil
end

-- XRANGE start of the undelivered entries.
local function undeliveredStart(stream, group)
  local last = lastDeliveredId(stream, group)
  if last and last ~= '0-0' then
    return '(' .. last
  end
  return '-'
end
