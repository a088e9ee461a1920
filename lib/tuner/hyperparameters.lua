-- tuner.hyperparameters: the `hp` object a build function receives, with Keras Tuner's methods.
--
--   hp:Int(name, min, max, {step =, sampling = 'linear' | 'log', default = min})
--   hp:Float(name, min, max, {step =, sampling = 'linear' | 'log', default = min})
--   hp:Choice(name, values, {default = values[1]})
--   hp:Boolean(name, {default = false})
--   hp:Fixed(name, value)
--   hp:conditional_scope(parent, values, function() ... end)   -- runs only when hp:get(parent) is one of values
--   options parent_name =, parent_values = on any of them: the value is nil unless the parent has one of them
--   hp:get(name), hp.values (name -> value of the hyperparameters asked so far)
--
-- Each call declares the hyperparameter (its definition goes into the list hp.space, in the order asked) and
-- returns its value for the trial: a value the trial fixed, else one drawn for it, else the default.
local hyperparameters = {}

local HP = {}
HP.__index = HP

local samplings = {linear = true, log = true}

local function fail(message) error(message, 3) end

local function describe(value)
  return type(value) == 'string' and string.format('%q', value) or tostring(value)
end

local function options_of(kind, name, options, allowed)
  if options == nil then return {} end
  if type(options) ~= 'table' then fail(string.format("hp:%s('%s'): options must be a table, got %s", kind, name, type(options))) end
  for key in pairs(options) do
    if not allowed[key] then fail(string.format("hp:%s('%s'): unknown option '%s'", kind, name, tostring(key))) end
  end
  return options
end

-- Checks a numeric range and fills in step, sampling and default.
local function numeric(kind, name, low, high, options, integer)
  local function number(value, what)
    local ok = type(value) == 'number' and (not integer or math.type(value) == 'integer' or value == math.floor(value))
    if not ok then fail(string.format("hp:%s('%s'): %s must be %s, got %s", kind, name, what, integer and 'an integer' or 'a number', describe(value))) end
    return integer and math.tointeger(value) or value + 0.0
  end
  options = options_of(kind, name, options, {step = true, sampling = true, default = true, parent_name = true, parent_values = true})
  local definition = {type = kind, name = name, min = number(low, 'min'), max = number(high, 'max')}
  if definition.min > definition.max then fail(string.format("hp:%s('%s'): min %s is above max %s", kind, name, low, high)) end
  definition.sampling = options.sampling or 'linear'
  if not samplings[definition.sampling] then
    fail(string.format("hp:%s('%s'): sampling must be 'linear' or 'log', got %s", kind, name, describe(definition.sampling)))
  end
  if definition.sampling == 'log' and definition.min <= 0 then
    fail(string.format("hp:%s('%s'): log sampling needs min > 0, got %s", kind, name, low))
  end
  if options.step ~= nil then
    definition.step = number(options.step, 'step')
    if definition.step <= 0 or (definition.sampling == 'log' and definition.step <= 1) then
      fail(string.format("hp:%s('%s'): step must be > %d%s, got %s", kind, name, definition.sampling == 'log' and 1 or 0,
        definition.sampling == 'log' and ' (with log sampling it is a factor)' or '', options.step))
    end
  end
  definition.default = options.default == nil and definition.min or number(options.default, 'default')
  if definition.default < definition.min or definition.default > definition.max then
    fail(string.format("hp:%s('%s'): default %s is outside [%s, %s]", kind, name, options.default, low, high))
  end
  return definition, options
end

--- The values a definition can take when they are countably few: a step, a Choice, a Boolean, a
--- Fixed value, or an Int range. Nil for a Float without a step.
function hyperparameters.grid(definition)
  local kind = definition.type
  if kind == 'Choice' then return definition.values end
  if kind == 'Boolean' then return {false, true} end
  if kind == 'Fixed' then return {definition.value} end
  local step = definition.step or (kind == 'Int' and 1 or nil)
  if not step then return nil end
  local values, value = {}, definition.min
  local log = definition.sampling == 'log' and definition.step
  while value <= definition.max * (1 + 1e-12) do
    values[#values + 1] = kind == 'Int' and math.floor(value + 0.5) or value
    value = log and value * step or value + step
    if #values > 100000 then error(string.format("hyperparameter '%s' has over 100000 values", definition.name), 0) end
  end
  return values
end

--- A value of `definition` for `u` in [0, 1): uniform over the range, its grid, or its logarithm.
function hyperparameters.sample(definition, u)
  local grid = (definition.step or definition.type ~= 'Int' and definition.type ~= 'Float') and hyperparameters.grid(definition)
  if grid then return grid[math.floor(u * #grid) + 1] end
  local low, high = definition.min, definition.max
  if definition.type == 'Int' then
    if definition.sampling == 'log' then
      local value = math.floor(math.exp(math.log(low) + u * (math.log(high + 1) - math.log(low))))
      return math.min(math.max(value, low), high)
    end
    return low + math.floor(u * (high - low + 1))
  end
  if definition.sampling == 'log' then return math.exp(math.log(low) + u * (math.log(high) - math.log(low))) end
  return low + u * (high - low)
end

--- True when every condition of `definition` holds for `values` (its parents' values).
function hyperparameters.active(definition, values)
  for _, condition in ipairs(definition.conditions or {}) do
    local value, found = values[condition.parent], false
    for _, allowed in ipairs(condition.values) do found = found or value == allowed end
    if not found then return false end
  end
  return true
end

local function same_definition(a, b)
  for _, key in ipairs {'type', 'min', 'max', 'step', 'sampling', 'value'} do
    if a[key] ~= b[key] then return false end
  end
  if (a.values == nil) ~= (b.values == nil) then return false end
  for i, value in ipairs(a.values or {}) do
    if b.values[i] ~= value then return false end
  end
  return #(a.values or {}) == #(b.values or {})
end

--- A new hp object. `fixed`: values the trial already has (name -> value); `draw(definition)`: a
--- value for a hyperparameter the trial has none for (nil: the default).
function hyperparameters.new(fixed, draw)
  return setmetatable({values = {}, space = {}, definitions = {}, fixed = fixed or {}, draw = draw, scopes = {},
                       skipped = {}, unexplored = {}}, HP)
end

-- Declares `definition` under the open scopes (and parent_name) and returns its value, or nil when
-- a condition does not hold.
function HP:_declare(definition, options)
  local name = definition.name
  if type(name) ~= 'string' or name == '' then fail('a hyperparameter needs a name (a non-empty string)') end
  local conditions = {}
  for _, scope in ipairs(self.scopes) do conditions[#conditions + 1] = scope end
  if options and options.parent_name ~= nil then
    conditions[#conditions + 1] = self:_condition(options.parent_name, options.parent_values, 'parent_values')
  end
  definition.conditions = #conditions > 0 and conditions or nil
  local known = self.definitions[name]
  if known and not same_definition(known, definition) then
    fail(string.format("hyperparameter '%s' is declared twice with different settings", name))
  end
  if not hyperparameters.active(definition, self.values) then
    self.skipped[name] = definition
    for _, condition in ipairs(conditions) do self.unexplored[#self.unexplored + 1] = condition end
    return nil
  end
  if not known then
    self.definitions[name] = definition
    self.space[#self.space + 1] = definition
  end
  if self.values[name] == nil then
    local value = self.fixed[name]
    if value == nil and self.draw then value = self.draw(definition) end
    if value == nil then value = definition.default end
    self.values[name] = value
  end
  return self.values[name]
end

function HP:_condition(parent, values, what)
  if type(parent) ~= 'string' or self.values[parent] == nil and not self.skipped[parent] then
    fail(string.format("conditional hyperparameters: the parent %s must be declared first", describe(parent)))
  end
  if type(values) ~= 'table' then values = {values} end
  if #values == 0 then fail(string.format('conditional hyperparameters: %s must list the values of %s', what, describe(parent))) end
  return {parent = parent, values = values}
end

function HP:Int(name, low, high, options)
  local definition, checked = numeric('Int', name, low, high, options, true)
  return self:_declare(definition, checked)
end

function HP:Float(name, low, high, options)
  local definition, checked = numeric('Float', name, low, high, options, false)
  return self:_declare(definition, checked)
end

function HP:Choice(name, values, options)
  options = options_of('Choice', name, options, {default = true, ordered = true, parent_name = true, parent_values = true})
  if type(values) ~= 'table' or #values == 0 then fail(string.format("hp:Choice('%s'): values must be a non-empty list", name)) end
  local kind = type(values[1])
  for _, value in ipairs(values) do
    if type(value) ~= kind or (kind ~= 'number' and kind ~= 'string' and kind ~= 'boolean') then
      fail(string.format("hp:Choice('%s'): values must be all numbers, all strings or all booleans", name))
    end
  end
  local default = options.default == nil and values[1] or options.default
  local found = false
  for _, value in ipairs(values) do found = found or value == default end
  if not found then fail(string.format("hp:Choice('%s'): default %s is not one of the values", name, describe(default))) end
  local copy = {}
  for i, value in ipairs(values) do copy[i] = value end
  return self:_declare({type = 'Choice', name = name, values = copy, default = default}, options)
end

function HP:Boolean(name, options)
  options = options_of('Boolean', name, options, {default = true, parent_name = true, parent_values = true})
  if options.default ~= nil and type(options.default) ~= 'boolean' then fail(string.format("hp:Boolean('%s'): default must be a boolean", name)) end
  return self:_declare({type = 'Boolean', name = name, default = options.default or false}, options)
end

function HP:Fixed(name, value, options)
  options = options_of('Fixed', name, options, {parent_name = true, parent_values = true})
  local kind = type(value)
  if kind ~= 'number' and kind ~= 'string' and kind ~= 'boolean' then
    fail(string.format("hp:Fixed('%s'): the value must be a number, a string or a boolean, got %s", name, kind))
  end
  -- A Fixed value is the value: a value recorded for another one does not replace it.
  local definition = {type = 'Fixed', name = name, value = value, default = value}
  local result = self:_declare(definition, options)
  if result ~= nil then self.values[name] = value end
  return result ~= nil and value or nil
end

--- Runs `body` with the hyperparameters it declares made conditional on `parent` taking one of
--- `values`; when it does not, `body` is not run. Returns what body returns.
function HP:conditional_scope(parent, values, body)
  local condition = self:_condition(parent, values, 'the values')
  if type(body) ~= 'function' then fail('hp:conditional_scope(parent, values, body): body must be a function') end
  local scopes = self.scopes
  scopes[#scopes + 1] = condition
  if not hyperparameters.active({conditions = {condition}}, self.values) then
    scopes[#scopes] = nil
    self.unexplored[#self.unexplored + 1] = condition
    return nil
  end
  local results = table.pack(pcall(body))
  scopes[#scopes] = nil
  if not results[1] then error(results[2], 0) end
  return table.unpack(results, 2, results.n)
end

function HP:get(name)
  local value = self.values[name]
  if value == nil and self.fixed[name] ~= nil then value = self.fixed[name] end
  if value == nil then error(string.format("hp:get: no hyperparameter '%s' has been declared", tostring(name)), 2) end
  return value
end

function HP:__tostring()
  local parts = {}
  for _, definition in ipairs(self.space) do
    parts[#parts + 1] = definition.name .. ' = ' .. describe(self.values[definition.name])
  end
  return 'HyperParameters{' .. table.concat(parts, ', ') .. '}'
end

return hyperparameters
