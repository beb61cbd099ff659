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

-- XRANGE start of the undelivered entries, and the ms part of the last delivered id (0 when none).
local function undeliveredStart(stream, group)
  local last = lastDeliveredId(stream, group)
  if last and last ~= '0-0' then
    return '(' .. last, tonumber(string.match(last, '^(%d+)'))
  end
  return '-', 0
end

-- The undelivered entry of one job, scanning at most `limit` entries from `hintMs` (no entry of the job can be
-- older than the moment it last became waiting); nil when not found within the bound.
local function findUndeliveredEntry(stream, group, jobId, hintMs, limit)
  local start, lastMs = undeliveredStart(stream, group)
  if hintMs > lastMs then
    start = tostring(hintMs) .. '-0'
  end
  local scanned = 0
  while scanned < limit do
    local batch = redis.call('XRANGE', stream, start, '+', 'COUNT', 500)
    for _, entry in ipairs(batch) do
      if entry[2][2] == jobId then
        return entry[1]
      end
      start = '(' .. entry[1]
    end
    scanned = scanned + #batch
    if #batch < 500 then
      return nil
    end
  end
  return nil
end
