-- ml.arguments: how the ml module checks what it is given and reports mistakes.
--
-- Checks deep inside the module raise a usage error (a table, not a string); `public` wraps each
-- function that scripts call and re-raises a usage error at the script's line, as error(message, 2)
-- would from the public function itself. Any other error passes through unchanged.
local tensor = require 'tensor'

local arguments = {}

local UsageError = {}
UsageError.__index = UsageError
UsageError.__tostring = function(self) return self.message end

--- Raises a usage error: string.format(format, ...), shown at the line of the script's call.
function arguments.fail(format, ...)
  error(setmetatable({message = string.format(format, ...)}, UsageError), 0)
end

--- Wraps `body` so that usage errors raised while it runs point at the caller's line.
function arguments.public(body)
  return function(...)
    local results = table.pack(pcall(body, ...))
    if results[1] then return table.unpack(results, 2, results.n) end
    local problem = results[2]
    if getmetatable(problem) == UsageError then error(problem.message, 2) end
    error(problem, 0)
  end
end

--- A short description of a Lua value for messages: the number or string itself, else its type.
function arguments.describe(value)
  if type(value) == 'string' then return string.format('%q', value) end
  if type(value) == 'number' or type(value) == 'boolean' then return tostring(value) end
  if tensor.is_tensor(value) then return string.format('a %s tensor of shape %s', value:dtype(), arguments.shape(value)) end
  return 'a ' .. type(value)
end

--- A tensor's shape written as (60, 2).
function arguments.shape(t)
  local sizes = {}
  for d = 1, t:dim() do sizes[d] = tostring(t:size(d)) end
  return '(' .. table.concat(sizes, ', ') .. (#sizes == 1 and ',)' or ')')
end

--- The options table of a call: nil gives {}; names not in `known` (a list) are refused.
function arguments.options(where, options, known)
  if options == nil then return {} end
  if type(options) ~= 'table' or tensor.is_tensor(options) then
    arguments.fail('%s: options must be a table, got %s', where, arguments.describe(options))
  end
  local allowed = {}
  for _, name in ipairs(known) do allowed[name] = true end
  for name in pairs(options) do
    if not allowed[name] then
      arguments.fail("%s: unknown option '%s' (known: %s)", where, tostring(name), table.concat(known, ', '))
    end
  end
  return options
end

--- A whole number >= `minimum` (option or argument `name`), or `default` when `value` is nil.
function arguments.count(where, name, value, minimum, default)
  if value == nil then return default end
  local whole = type(value) == 'number' and math.tointeger(value)
  if not whole or whole < minimum then
    arguments.fail('%s: %s must be a whole number >= %d, got %s', where, name, minimum, arguments.describe(value))
  end
  return whole
end

--- A whole number of any sign (option `name`, such as a seed), or nil.
function arguments.integer(where, name, value)
  if value == nil then return nil end
  local whole = type(value) == 'number' and math.tointeger(value)
  if not whole then arguments.fail('%s: %s must be a whole number, got %s', where, name, arguments.describe(value)) end
  return whole
end

--- A number >= 0 (option `name`), or `default` when `value` is nil.
function arguments.nonnegative(where, name, value, default)
  if value == nil then return default end
  if type(value) ~= 'number' or value ~= value or value < 0 then
    arguments.fail('%s: %s must be a number >= 0, got %s', where, name, arguments.describe(value))
  end
  return value
end

--- A boolean (option `name`), or `default` when `value` is nil.
function arguments.boolean(where, name, value, default)
  if value == nil then return default end
  if type(value) ~= 'boolean' then
    arguments.fail('%s: %s must be true or false, got %s', where, name, arguments.describe(value))
  end
  return value
end

--- A float32 N×D tensor, detached from autograd, from a tensor or a Lua table of rows; its values
--- must be finite and it must have at least `min_rows` rows.
function arguments.matrix(where, name, x, min_rows)
  if type(x) == 'table' and not tensor.is_tensor(x) then
    local ok, made = pcall(tensor.tensor, x)
    if not ok then
      -- tensor.tensor names its own argument; say what is wrong in terms of this one.
      local problem = tostring(made):gsub('^.-argument #1 ', '')
      arguments.fail('%s: %s must be a matrix (a tensor or a table of rows of numbers): %s', where, name, problem)
    end
    x = made
  end
  if not tensor.is_tensor(x) then
    arguments.fail('%s: %s must be a matrix (an N×D tensor or a table of rows), got %s', where, name, arguments.describe(x))
  end
  if x:dim() ~= 2 then
    arguments.fail('%s: %s must be a matrix with one sample per row (rank 2), got shape %s%s', where, name,
                   arguments.shape(x), x:dim() == 1 and '; reshape{-1, 1} makes one feature a column' or '')
  end
  if x:dtype() == 'bool' then arguments.fail('%s: %s must hold numbers, got a bool tensor', where, name) end
  x = x:detach():float()
  if x:size(1) < (min_rows or 1) then
    arguments.fail('%s: %s needs at least %d rows, got shape %s', where, name, min_rows or 1, arguments.shape(x))
  end
  if x:numel() > 0 and (x - x):ne(0):any() then
    arguments.fail('%s: %s contains NaN or infinity', where, name)
  end
  return x
end

--- Labels as a Lua list of numbers (whole numbers as integers) or strings, from a tensor of rank 1
--- (or N×1) or a Lua list; all numbers or all strings, so that they can be sorted.
function arguments.labels(where, name, y)
  local values
  if tensor.is_tensor(y) then
    if y:dim() == 2 and y:size(2) == 1 then y = y:reshape{-1} end
    if y:dim() ~= 1 then
      arguments.fail('%s: %s must be a list of labels (a tensor of rank 1), got shape %s', where, name, arguments.shape(y))
    end
    if y:dtype() == 'bool' then y = y:long() end
    values = y:detach():totable()
  elseif type(y) == 'table' then
    values = {}
    for i = 1, #y do values[i] = y[i] end
  else
    arguments.fail('%s: %s must be a list of labels (a tensor or a table), got %s', where, name, arguments.describe(y))
  end
  if #values == 0 then arguments.fail('%s: %s is empty', where, name) end
  local kind = type(values[1])
  for i, value in ipairs(values) do
    if type(value) == 'number' then
      if value ~= value then arguments.fail('%s: %s[%d] is NaN', where, name, i) end
      values[i] = math.tointeger(value) or value
    elseif type(value) ~= 'string' then
      arguments.fail('%s: %s[%d] must be a number or a string, got %s', where, name, i, arguments.describe(value))
    end
    if type(value) ~= kind then
      arguments.fail('%s: %s mixes numbers and strings (%s at 1, %s at %d)', where, name, kind, type(value), i)
    end
  end
  return values
end

--- Scores as a Lua list of finite numbers, from a tensor of rank 1 (or N×1) or a Lua list.
function arguments.scores(where, name, s)
  local values
  if tensor.is_tensor(s) then
    if s:dim() == 2 and s:size(2) == 1 then s = s:reshape{-1} end
    if s:dim() ~= 1 then
      arguments.fail('%s: %s must be one score per sample (rank 1), got shape %s', where, name, arguments.shape(s))
    end
    values = s:detach():float():totable()
  elseif type(s) == 'table' then
    values = {}
    for i = 1, #s do values[i] = s[i] end
  else
    arguments.fail('%s: %s must be a list of scores (a tensor or a table), got %s', where, name, arguments.describe(s))
  end
  for i, value in ipairs(values) do
    if type(value) ~= 'number' or value ~= value or value == math.huge or value == -math.huge then
      arguments.fail('%s: %s[%d] must be a finite number, got %s', where, name, i, arguments.describe(value))
    end
  end
  return values
end

--- Fails unless the lists `a` and `b` (named `a_name`, `b_name`) have the same length.
function arguments.same_length(where, a_name, a, b_name, b)
  if #a ~= #b then
    arguments.fail('%s: %s and %s must have the same length, got %d and %d', where, a_name, b_name, #a, #b)
  end
end

--- The distinct values of lists of labels, sorted (numbers ascending, strings in byte order).
function arguments.sorted_unique(where, ...)
  local seen, unique = {}, {}
  for _, list in ipairs{...} do
    for _, value in ipairs(list) do
      if not seen[value] then
        seen[value] = true
        unique[#unique + 1] = value
      end
    end
  end
  local ok = pcall(table.sort, unique)
  if not ok then arguments.fail('%s: the labels mix numbers and strings', where) end
  return unique
end

return arguments
