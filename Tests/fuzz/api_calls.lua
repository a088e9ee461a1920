-- Random calls of every Lua function and method Lunette defines, found at run time from the modules
-- and from lunette.classes(): random argument types, extreme numbers, odd shapes and paths. Run by
-- Tests/LunetteTests/FuzzTests.swift in a scratch folder: `lunette run api_calls.lua SEED CASES FIRST_CASE`.
-- Case k is the same for the same seed whatever ran before it. Each case prints `begin K NAME`, then
-- `ok K` or `error K MESSAGE`, so the harness tells a signal or a hang from a Lua error.
local modules = {}
for _, name in ipairs {'tensor', 'autograd', 'nn', 'optim', 'data', 'image', 'plot', 'lunette'} do
  modules[name] = require(name)
end
local tensor, nn, optim, data, plot = modules.tensor, modules.nn, modules.optim, modules.data, modules.plot
package.path = arg[0]:match('^(.*)/[^/]*$') .. '/?.lua;' .. package.path
local cases_protocol = require 'cases'

local seed, cases, first = tonumber(arg[1]), tonumber(arg[2]), tonumber(arg[3]) or 1

-- Calls that wait by design (a lock held by this process, a search that trains for real) or end the
-- process; everything else is called.
local skipped = {['lunette.lock'] = true, ['Lock:unlock'] = true}

--- Every function reachable from the modules (nested tables such as nn.losses too), by name.
local functions = {}
local function collect(prefix, value, seen)
  if seen[value] then return end
  seen[value] = true
  for key, field in pairs(value) do
    local name = prefix .. '.' .. tostring(key)
    if type(field) == 'function' and not skipped[name] then
      functions[#functions + 1] = {name = name, call = field}
    elseif type(field) == 'table' and type(key) == 'string' then
      collect(name, field, seen)
    end
  end
end
local seen = {}
for _, name in ipairs {'tensor', 'autograd', 'nn', 'optim', 'data', 'image', 'plot', 'lunette'} do collect(name, modules[name], seen) end
table.sort(functions, function(a, b) return a.name < b.name end)

-- Objects of each class, made fresh for each case (a call may change them).
local function instances()
  local x = tensor.rand(4, 3)
  local model = nn.Sequential {nn.Input {3}, nn.Dense(2, {activation = 'softmax'})}
  model:compile {optimizer = 'adam', loss = 'sparse_categorical_crossentropy', metrics = {'accuracy'}}
  local encoder = data.LabelEncoder()
  encoder:fit {'a', 'b'}
  return {
    Tensor = {x, tensor.arange(6):reshape {2, 3}, tensor {true, false}, tensor(2.5), tensor.zeros(0, 3),
              tensor.rand(2, 4, 4, 3), tensor.ones(1):expand {5}},
    Model = {model},
    Layer = {nn.Dense(2), nn.Conv2D(1, 2), nn.LSTM(2)},
    Optimizer = {optim.adam({tensor.rand(2):requires_grad_()})},
    LabelEncoder = {encoder},
    Chart = {plot.lines {loss = {1, 2, 3}}},
    Figure = {plot.figure {rows = 1, columns = 2}},
    Scaler = {data.StandardScaler()},
    Vocabulary = {data.vocabulary {{'a', 'b'}, {'b'}}},
  }
end

--- Methods of each class, by class name (lunette.classes() lists them).
local methods = {}
for class, table_of_methods in pairs(modules.lunette.classes()) do
  for name, method in pairs(table_of_methods) do
    local qualified = class .. ':' .. name
    if not skipped[qualified] then methods[#methods + 1] = {name = qualified, class = class, method = method} end
  end
end
table.sort(methods, function(a, b) return a.name < b.name end)

local numbers = {0, 1, -1, 2, 3, 7, 0.5, -0.5, 1e-30, 1e30, -1e30, math.huge, -math.huge, 0 / 0, math.maxinteger,
                 math.mininteger, 2 ^ 31, 2 ^ 32, 2 ^ 53, 2 ^ 62, 2 ^ 63, -(2 ^ 62), 1e17, 255, 256, 65536}
local strings = {'', 'a', '.', 'a/', 'x\0y', 'out/p.png', 'relu', 'same', 'valid', 'adam', 'mse', 'accuracy', 'float32',
                 'int64', 'softmax', 'sum', 'mean', string.rep('x', 2000), 'nan', '1e999', 'case.npy'}

local function random_value(pool, depth)
  local kind = math.random(1, depth > 1 and 8 or 11)
  if kind <= 3 then return numbers[math.random(#numbers)]
  elseif kind == 4 then return strings[math.random(#strings)]
  elseif kind == 5 then return math.random() < 0.5
  elseif kind == 6 then return nil
  elseif kind == 7 then
    local objects = pool.Tensor
    return objects[math.random(#objects)]
  elseif kind == 8 then
    local classes = {}
    for name, objects in pairs(pool) do if #objects > 0 then classes[#classes + 1] = name end end
    table.sort(classes)
    local objects = pool[classes[math.random(#classes)]]
    return objects[math.random(#objects)]
  elseif kind == 9 then -- a list: sizes, values or nested rows
    local list = {}
    for i = 1, math.random(0, 4) do list[i] = random_value(pool, depth + 1) end
    return list
  elseif kind == 10 then -- an options table with plausible keys
    local keys = {'units', 'activation', 'padding', 'strides', 'dilation_rate', 'size', 'epochs', 'batch_size',
                  'num_classes', 'dtype', 'axis', 'rate', 'bins', 'range', 'title', 'columns', 'limit', 'validation_split',
                  'learning_rate', 'path', 'shape', 'name', 'verbose', 'seed', 'keepdim', 'return_sequences'}
    local options = {}
    for _ = 1, math.random(1, 3) do options[keys[math.random(#keys)]] = random_value(pool, depth + 1) end
    if options.epochs then options.epochs = 1 end -- training time is not what this looks for
    return options
  else
    return function(...) return ... end
  end
end

for k = first, cases do
  math.randomseed(seed, k)
  local pool = instances()
  local name, call
  local arguments, count = {}, math.random(0, 4)
  if math.random() < 0.5 then
    local entry = functions[math.random(#functions)]
    name, call = entry.name, entry.call
  else
    local entry = methods[math.random(#methods)]
    local objects = pool[entry.class] or {}
    name, call = entry.name, entry.method
    arguments[1] = objects[math.random(math.max(#objects, 1))] or random_value(pool, 1)
    count = count + 1
  end
  for i = #arguments + 1, count do arguments[i] = random_value(pool, 1) end
  if os.getenv('LUNETTE_FUZZ_SHOW') then
    local shown = {}
    for i = 1, count do
      local value = arguments[i]
      shown[i] = type(value) == 'string' and string.format('%q', value:sub(1, 40)) or tostring(value)
    end
    io.stderr:write(name, '(', table.concat(shown, ', '), ')\n')
  end
  cases_protocol.run(k, name, call, table.unpack(arguments, 1, count))
end
