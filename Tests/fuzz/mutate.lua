-- Seeded byte mutations for the fuzzers: flips, overwrites with boundary values, insertions,
-- deletions, duplicated and truncated ranges, the way a damaged or hostile file differs from a good one.
local mutate = {}

local boundaries = {
  '\0', '\255', '\127', '\128', '\0\0\0\0', '\255\255\255\255', '\127\255\255\255', '\128\0\0\0',
  '\0\0\0\128', '\255\255\255\127', string.pack('<i8', math.maxinteger), string.pack('>i8', math.mininteger),
  string.pack('<d', 0 / 0), string.pack('<f', math.huge), '9999999999999999999999', '-1', '1e308',
  '"', '\\', '{', '}', '[', ']', ',', '\n', '\r\n', '%', "'", '@', '4611686018427387904',
}

local function random_range(length)
  local first = math.random(1, math.max(length, 1))
  return first, math.min(length, first + math.random(0, 16))
end

local operations = {
  function(bytes) -- flip bits of a few bytes
    local out = {}
    for i = 1, #bytes do out[i] = bytes:sub(i, i) end
    for _ = 1, math.random(1, 8) do
      local i = math.random(1, math.max(#out, 1))
      if out[i] then out[i] = string.char(out[i]:byte() ~ (1 << math.random(0, 7))) end
    end
    return table.concat(out)
  end,
  function(bytes) -- overwrite with a boundary value
    local value = boundaries[math.random(#boundaries)]
    local at = math.random(1, math.max(#bytes, 1))
    return bytes:sub(1, at - 1) .. value .. bytes:sub(at + #value)
  end,
  function(bytes) -- insert a boundary value
    local at = math.random(1, #bytes + 1)
    return bytes:sub(1, at - 1) .. boundaries[math.random(#boundaries)] .. bytes:sub(at)
  end,
  function(bytes) -- delete a range
    local first, last = random_range(#bytes)
    return bytes:sub(1, first - 1) .. bytes:sub(last + 1)
  end,
  function(bytes) -- duplicate a range
    local first, last = random_range(#bytes)
    local piece = bytes:sub(first, last)
    return bytes:sub(1, last) .. piece:rep(math.random(1, 64)) .. bytes:sub(last + 1)
  end,
  function(bytes) -- truncate
    return bytes:sub(1, math.random(0, #bytes))
  end,
  function(bytes) -- a random byte everywhere in a small window
    local first, last = random_range(#bytes)
    local out = {}
    for _ = first, last do out[#out + 1] = string.char(math.random(0, 255)) end
    return bytes:sub(1, first - 1) .. table.concat(out) .. bytes:sub(last + 1)
  end,
}

--- `bytes` changed by one to four random operations.
function mutate.bytes(bytes)
  for _ = 1, math.random(1, 4) do bytes = operations[math.random(#operations)](bytes) end
  return bytes
end

return mutate
