-- Every function of `nn` and `nn.callbacks`, and every method of the Layer, Model, SymbolicTensor and
-- Callback classes, called with wrong arguments under pcall: each call must raise a Lua error with a
-- message, or return, and never crash the process. (nn.losses, nn.metrics... are walked with optim.)
local check = require 'support.check'
local nn = require 'nn'
local tensor = require 'tensor'
local scratch = require('support.scratch').new()
os.execute('mkdir -p ' .. scratch.folder)

local path = scratch:path('walk.safetensors')
local floats = tensor.rand(2, 3)
local images = tensor.rand(1, 4, 4, 1)
local longs = tensor {0, 1, 1}:long()
local input = nn.Input {3}

local bad = {
  nil, path, '', {}, {1, 2, 3}, {'a', {}}, {x = 1}, {{1.5, -2}}, -1, 0, 0.5, 2 ^ 62, math.maxinteger,
  math.mininteger, -math.huge, 0 / 0, true, floats, images, longs, print, input, {input, input},
  {floats, floats}, {name = 3}, {activation = print}, {padding = 'full'}, {units = -2}, {shape = {-1}},
}
local count = 29   -- entries of `bad`, counted by hand because bad[1] is nil

local calls, errors = 0, 0
local function try(name, f, ...)
  calls = calls + 1
  local ok, message = pcall(f, ...)
  if not ok then
    errors = errors + 1
    if type(message) ~= 'string' or message == '' then
      error(name .. ' raised a non-message error: ' .. tostring(message))
    end
  end
end

local function functions_of(module)
  local names = {}
  for name, value in pairs(module) do if type(value) == 'function' then names[#names + 1] = name end end
  table.sort(names)
  return names
end

check.test('every nn function survives wrong arguments', function()
  local names = functions_of(nn)
  check.truthy(#names >= 40, #names .. ' functions')
  for _, name in ipairs(names) do
    local f = nn[name]
    for i = 1, count do
      try(name, f, bad[i])
      try(name, f, bad[i], bad[i])
      try(name, f, 2, bad[i])
      try(name, f, 3, 3, bad[i])
      try(name, f, bad[i], {name = 'walk_' .. i})
      try(name, f, {input}, bad[i])
    end
  end
  for _, name in ipairs(functions_of(nn.callbacks)) do
    for i = 1, count do
      try(name, nn.callbacks[name], bad[i])
      try(name, nn.callbacks[name], path, bad[i])
    end
  end
  print(string.format('     %d calls, %d errors', calls, errors))
end)

check.test('every method of the nn classes survives wrong arguments', function()
  local classes = require('lunette').classes()
  local dense = nn.Dense(2)
  local model = nn.Sequential {nn.Input {3}, dense}
  model:compile {optimizer = 'sgd', loss = 'mse'}
  local functional = nn.Model(input, nn.Dense(2)(input))
  local objects = {
    Layer = {dense, nn.Conv2D(1, 2), nn.Flatten(), nn.LSTM(2)},
    Model = {model, functional, nn.Sequential()},
    SymbolicTensor = {input},
    Callback = {nn.callbacks.EarlyStopping()},
  }
  for class, instances in pairs(objects) do
    local methods = classes[class]
    check.truthy(methods, class .. ' is listed')
    for _, object in ipairs(instances) do
      for name, method in pairs(methods) do
        for i = 1, count do
          try(class .. ':' .. name, method, object, bad[i])
          try(class .. ':' .. name, method, object, floats, bad[i])
          try(class .. ':' .. name, method, object, bad[i], {verbose = 0})
          try(class .. ':' .. name, method, bad[i], bad[i])
        end
      end
      for i = 1, count do
        try(class .. ' call', function() return object(bad[i]) end)
        try(class .. ' call', function() return object(bad[i], bad[i]) end)
        try(class .. ' index', function() return object[bad[i] or 1] end)
        try(class .. ' newindex', function() object[bad[i] or 1] = bad[i] end)
        try(class .. ' newindex', function() object.trainable = bad[i] end)
        try(class .. ' tostring', function() return tostring(object) end)
      end
    end
  end
  print(string.format('     %d calls, %d errors', calls, errors))
end)

check.test('huge sizes and counts are errors, not crashes', function()
  local big = math.maxinteger
  local tensor_of = tensor.zeros(2, 1)
  local cases = {
    function() return nn.Dense(big) end,
    function() return nn.Concatenate(big) end,
    function() return nn.Reshape {2 ^ 32 // 1, 2 ^ 32 // 1}(nn.Input {4}) end,
    function() return nn.Flatten()(nn.Input {big, big}) end,
    function() return nn.Dense(2)(nn.Flatten()(nn.Input {2 ^ 31 // 1, 2 ^ 31 // 1})) end,
    function() return nn.Dense(2 ^ 40 // 1)(nn.Input {10}) end,
    function() return nn.Conv2D(2, {3, math.mininteger}) end,
    function() return nn.callbacks.ModelCheckpoint('{epoch:99999999999d}') end,
  }
  for i, f in ipairs(cases) do
    local ok, message = pcall(f)
    check.truthy(not ok and type(message) == 'string', 'case ' .. i .. ' raises an error')
  end
  local model = nn.Sequential {nn.Input {1}, nn.Dense(1)}
  model:compile {optimizer = 'sgd', loss = 'mse'}
  check.equal(model:fit(tensor_of, tensor_of, {batch_size = big, verbose = 0}).params.steps, 1)
  check.same(model:predict(tensor_of, {batch_size = big, verbose = 0}):size(), {2, 1})
end)

scratch:remove()
check.done()
