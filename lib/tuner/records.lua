-- tuner.records: the search's files. Each record is Lua table source (`return {...}`), read back with
-- load() in an empty environment, so a record can hold data but run nothing. Files are replaced
-- atomically (lunette.write_file), and the project's index is read and rewritten only under its
-- lock, so several processes can share one project folder.
local lunette = require 'lunette'

local records = {}

-- Numbers written so that they read back equal: the shortest of %.15g..%.17g that round-trips,
-- and floats keep a '.0' so they stay floats. NaN and infinities are written as expressions.
local function number_source(x)
  if math.type(x) == 'integer' then return string.format('%d', x) end
  if x ~= x then return '0/0' end
  if x == math.huge then return '1/0' end
  if x == -math.huge then return '-1/0' end
  local text
  for digits = 15, 17 do
    text = string.format('%.' .. digits .. 'g', x)
    if tonumber(text) == x then break end
  end
  if not text:find('[.eEn]') then text = text .. '.0' end
  return text
end

local function is_list(t)
  local n = #t
  for key in pairs(t) do
    if math.type(key) ~= 'integer' or key < 1 or key > n then return false end
  end
  return true
end

local function key_source(key)
  if type(key) == 'string' and key:match('^[%a_][%w_]*$') then return key end
  return '[' .. records.source(key) .. ']'
end

local function sorted_keys(t)
  local keys = {}
  for key in pairs(t) do keys[#keys + 1] = key end
  table.sort(keys, function(a, b)
    if type(a) == type(b) then return a < b end
    return type(a) == 'number'
  end)
  return keys
end

--- Lua source for a value made of tables, strings, numbers and booleans (no cycles). Short
--- tables stay on one line; others get one entry per line, keys sorted, so files diff well.
function records.source(value, indent)
  indent = indent or ''
  local kind = type(value)
  if kind == 'number' then return number_source(value) end
  if kind == 'string' then return string.format('%q', value) end
  if kind == 'boolean' or kind == 'nil' then return tostring(value) end
  if kind ~= 'table' then error('a record cannot hold a ' .. kind, 2) end
  local parts = {}
  if is_list(value) then
    for i, item in ipairs(value) do parts[i] = records.source(item, indent .. '  ') end
  else
    for _, key in ipairs(sorted_keys(value)) do
      parts[#parts + 1] = key_source(key) .. ' = ' .. records.source(value[key], indent .. '  ')
    end
  end
  local line = '{' .. table.concat(parts, ', ') .. '}'
  if not line:find('\n') and #line + #indent <= 100 then return line end
  return '{\n' .. indent .. '  ' .. table.concat(parts, ',\n' .. indent .. '  ') .. ',\n' .. indent .. '}'
end

--- Writes `value` to `path` as `return {...}`, atomically.
function records.write(path, value)
  lunette.write_file(path, 'return ' .. records.source(value) .. '\n')
end

--- Reads a record written by records.write; nil when the file does not exist.
function records.read(path)
  local file = io.open(path, 'r')
  if not file then return nil end
  local text = file:read('a')
  file:close()
  local chunk, problem = load(text, '@' .. path, 't', {})
  if not chunk then error('the record ' .. path .. ' is damaged: ' .. problem, 0) end
  local ok, value = pcall(chunk)
  if not ok or type(value) ~= 'table' then error('the record ' .. path .. ' is damaged: ' .. tostring(value), 0) end
  return value
end

--- Removes a file or a folder with everything in it.
function records.remove_tree(path)
  local kind = lunette.exists(path)
  if kind == 'directory' then
    for _, name in ipairs(lunette.listdir(path)) do records.remove_tree(path .. '/' .. name) end
  end
  if kind then
    local ok, problem = os.remove(path)
    if not ok then error('cannot remove ' .. problem, 0) end
  end
end

-- The project folder: index.lua (what every trial is and how it ended, what the search is), a lock
-- file guarding it, and a folder per trial.
local Project = {}
Project.__index = Project

function records.project(directory, name, overwrite)
  local path = directory .. '/' .. name
  if overwrite then records.remove_tree(path) end
  lunette.mkdir(path)
  return setmetatable({path = path}, Project)
end

function Project:trial_folder(id)
  return string.format('%s/trial_%03d', self.path, id)
end

--- Calls `change(index)` with the index read under the project's lock (an empty one for a new
--- project); when it returns true as its first result the index is written back before the lock is
--- released. Returns change's second result.
function Project:update(change)
  local lock = lunette.lock(self.path .. '/index.lock')
  local ok, changed, result = pcall(function()
    local index = records.read(self.path .. '/index.lua') or {trials = {}, space = {}}
    local changed, result = change(index)
    if changed then records.write(self.path .. '/index.lua', index) end
    return changed, result
  end)
  lock:unlock()
  if not ok then error(changed, 0) end
  return result
end

--- The index as it is now (a snapshot: use update to change it).
function Project:index()
  return self:update(function(index) return false, index end)
end

function Project:write_trial(record)
  local folder = self:trial_folder(record.id)
  lunette.mkdir(folder)
  records.write(folder .. '/trial.lua', record)
end

function Project:read_trial(id)
  return records.read(self:trial_folder(id) .. '/trial.lua')
end

return records
