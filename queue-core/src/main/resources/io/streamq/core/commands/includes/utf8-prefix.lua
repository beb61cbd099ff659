-- At most maxBytes bytes of s, never ending inside a UTF-8 character (a cut one would make the JSON of an event or a
-- failure reason invalid).
local function utf8Prefix(s, maxBytes)
  if #s <= maxBytes then
    return s
  end
  local cut = maxBytes
  -- Step back over continuation bytes (10xxxxxx) to the lead byte of the last character kept.
  local lead = cut
  while lead > 0 and lead > cut - 3 do
    local b = string.byte(s, lead)
    if b < 0x80 or b >= 0xC0 then
      break
    end
    lead = lead - 1
  end
  local b = string.byte(s, lead)
  local size = b >= 0xF0 and 4 or b >= 0xE0 and 3 or b >= 0xC0 and 2 or 1
  if lead + size - 1 > cut then
    cut = lead - 1
  end
  return string.sub(s, 1, cut)
end
