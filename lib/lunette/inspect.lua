-- lunette.inspect: a readable, bounded rendering of any Lua value; the REPL prints results with it.
--
--   local inspect = require 'lunette.inspect'
--   print(inspect({1, 2, name = 'x', child = {}}))     --> {1, 2, child = {}, name = "x"}
--   print(inspect(t, {depth = 6, items = 100}))
--
-- Tables show their array part first, then the other keys sorted (numbers, then strings, then the
-- rest); small tables fit on one line, larger ones are indented one entry per line. A table that
-- contains itself shows <cycle> where it comes back; tables nested deeper than `depth` show {...};
-- entries past `items` are counted as `... (N more)`. Strings are quoted; values whose metatable has
-- a __tostring (tensors, models) print with it. Tables are read with raw access: apart from
-- __tostring, no metamethod runs.
--
-- Options: depth (default 4), items (entries shown per table, default 30), width (the longest
-- one-line table, default 72), chars (longest string shown inside a table, default 200).

local defaults = {depth = 4, items = 30, width = 72, chars = 200}

local keywords = {}
for word in ([[and break do else elseif end false for function goto if in local nil not or repeat
               return then true until while]]):gmatch('%a+') do
  keywords[word] = true
end

local escapes = {['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t'}

local function quote(text, limit)
  local shown, rest = text, 0
  if limit and #text > limit then
    shown, rest = text:sub(1, limit), #text - limit
  end
  shown = shown:gsub('[%c"\\]', function(c) return escapes[c] or string.format('\\%03d', c:byte()) end)
  if rest > 0 then return '"' .. shown .. '"... (' .. rest .. ' more bytes)' end
  return '"' .. shown .. '"'
end

-- The value's own __tostring, called in protected mode; nil when it has none.
local function custom_tostring(value)
  local meta = debug.getmetatable(value)
  if type(value) == 'string' or not meta or rawget(meta, '__tostring') == nil then return nil end
  local ok, text = pcall(tostring, value)
  if ok and type(text) == 'string' then return text end
  return string.format('<%s: __tostring failed: %s>', type(value), tostring(text))
end

-- A name for a table, function or userdata that runs no metamethod.
local function address(value)
  local meta = debug.getmetatable(value)
  local name = meta and rawget(meta, '__name')
  return string.format('%s: %p', type(name) == 'string' and name or type(value), value)
end

local type_order = {number = 1, string = 2, boolean = 3, table = 4, userdata = 5, ['function'] = 6, thread = 7}

local function key_before(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then return type_order[ta] < type_order[tb] end
  if ta == 'number' or ta == 'string' then return a < b end
  if ta == 'boolean' then return not a and b end
  return address(a) < address(b)
end

local function render_key(key)
  if type(key) == 'string' then
    if key:match('^[%a_][%w_]*$') and not keywords[key] then return key end
    return '[' .. quote(key, 40) .. ']'
  elseif type(key) == 'number' or type(key) == 'boolean' then
    return '[' .. tostring(key) .. ']'
  end
  return '[' .. address(key) .. ']'
end

-- Inserts `key` into `best`, a sorted list, keeping only its `size` first keys: the first keys of
-- a huge table are found without sorting all of them.
local function insert_bounded(best, key, size)
  local last = #best
  if last == size then
    if not key_before(key, best[last]) then return end
    best[last] = nil
    last = last - 1
  end
  while last > 0 and key_before(key, best[last]) do
    best[last + 1] = best[last]
    last = last - 1
  end
  best[last + 1] = key
end

-- The first `limit` keys in display order (the array part 1..n, as long as there is no hole, then the
-- other keys sorted), how many keys there are in all, and n.
local function leading_keys(t, limit)
  local n = 0
  while rawget(t, n + 1) ~= nil do n = n + 1 end
  local keys = {}
  for i = 1, math.min(n, limit) do keys[i] = i end
  local others, total, room = {}, n, limit - #keys
  for key in next, t do
    if not (math.type(key) == 'integer' and key >= 1 and key <= n) then
      total = total + 1
      if room > 0 then insert_bounded(others, key, room) end
    end
  end
  table.move(others, 1, #others, #keys + 1, keys)
  return keys, total, n
end

-- Indents every line after the first, for a multi-line text placed inside an indented table.
local function indent_rest(text, indent)
  return (text:gsub('\n', '\n' .. indent))
end

local render

-- `offset` counts the characters before the table on its first line (a key and ' = ').
local function render_table(t, options, level, offset, visiting)
  if visiting[t] then return '<cycle>' end
  if next(t) == nil then return '{}' end
  if level >= options.depth then return '{...}' end
  visiting[t] = true
  local keys, total, array_length = leading_keys(t, options.items)
  local shown = #keys
  -- lines are indented relative to the table's own start; the enclosing table indents them further
  local indent, room = '  ', options.width - 2 * level - offset
  local entries, fits_on_line, length = {}, true, 2
  -- array entries that are not tables share lines when the table spans several
  local packs = {}
  for i = 1, shown do
    local key, item = keys[i], rawget(t, keys[i])
    local prefix = i <= array_length and '' or render_key(key) .. ' = '
    local entry = prefix .. render(item, options, level + 1, #prefix, visiting)
    local multiline = entry:find('\n', 1, true) ~= nil
    entries[i], packs[i] = entry, i <= array_length and type(item) ~= 'table' and not multiline
    length = length + #entry + 2
    if multiline then fits_on_line = false end
  end
  if total > shown then
    entries[#entries + 1] = string.format('... (%d more)', total - shown)
  end
  visiting[t] = nil
  if fits_on_line and length - 2 <= room then
    return '{' .. table.concat(entries, ', ') .. '}'
  end
  local lines, line, line_packs = {}, nil, false
  for i, entry in ipairs(entries) do
    if packs[i] and line_packs and 2 * (level + 1) + #line + #entry + 2 <= options.width then
      line = line .. ', ' .. entry
    else
      lines[#lines + 1] = line
      line, line_packs = indent_rest(entry, indent), packs[i]
    end
  end
  lines[#lines + 1] = line
  return '{\n' .. indent .. table.concat(lines, ',\n' .. indent) .. '\n}'
end

render = function(value, options, level, offset, visiting)
  local custom = custom_tostring(value)
  if custom then return custom end
  local kind = type(value)
  if kind == 'string' then return quote(value, level > 0 and options.chars or nil) end
  if kind == 'table' then return render_table(value, options, level, offset, visiting) end
  if kind == 'function' or kind == 'userdata' or kind == 'thread' then return address(value) end
  return tostring(value)
end

local function read_options(options)
  if options == nil then return defaults end
  if type(options) ~= 'table' then
    error(string.format('inspect: options must be a table, got %s', type(options)), 3)
  end
  local read = {}
  for name, default in pairs(defaults) do
    local given = rawget(options, name)
    if given == nil then
      read[name] = default
    elseif math.type(given) ~= 'integer' or given < 0 then
      error(string.format("inspect: option '%s' must be a non-negative integer, got %s", name, tostring(given)), 3)
    else
      read[name] = given
    end
  end
  for name in next, options do
    if defaults[name] == nil then
      error(string.format("inspect: unknown option '%s' (known options: chars, depth, items, width)", tostring(name)), 3)
    end
  end
  return read
end

return function(value, options)
  return render(value, read_options(options), 0, 0, {})
end
