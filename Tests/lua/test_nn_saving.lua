-- Saving and loading models and weights, the progress bar as a pipe sees it, and how models show.
local check = require 'support.check'
local nn = require 'nn'
local tensor = require 'tensor'
local scratch = require('support.scratch').new()
os.execute('mkdir -p ' .. scratch.folder)

local function cnn()
  return nn.Sequential {
    nn.Input {6, 6, 1},
    nn.Conv2D(3, 3, {padding = 'same', activation = 'relu'}),
    nn.MaxPooling2D(2),
    nn.Flatten(),
    nn.Dense(2, {activation = 'softmax'}),
  }
end

check.test('save and load give a model with identical predictions', function()
  local model = cnn()
  model:compile {optimizer = 'adam', loss = 'categorical_crossentropy'}
  local x = tensor.rand(5, 6, 6, 1)
  model:fit(x, tensor {{1, 0}, {0, 1}, {1, 0}, {0, 1}, {1, 0}}, {epochs = 2, verbose = 0})
  local path = scratch:path('cnn.safetensors')
  model:save(path)
  local loaded = nn.load(path)
  check.same(loaded(x):totable(), model(x):totable(), 0)
  check.equal(loaded:count_params(), model:count_params())
  check.equal(#loaded.layers, #model.layers)
  check.equal(nn.load_model(path):summary {as_text = true}, loaded:summary {as_text = true})
end)

check.test('save_weights and load_weights move weights between models of one architecture', function()
  -- b's layers have other automatic names (conv2d_1...): the weights go by position, as Keras loads by structure
  local a, b = cnn(), cnn()
  local x = tensor.rand(3, 6, 6, 1)
  check.truthy(a(x):sub(b(x)):abs():sum():item() > 0, 'two fresh models differ')
  local path = scratch:path('weights.safetensors')
  a:save_weights(path)
  b:load_weights(path)
  check.same(b(x):totable(), a(x):totable(), 0)
  local other = nn.Sequential {nn.Input {4}, nn.Dense(2)}
  check.raises(function() other:load_weights(path) end, 'lacks the weights')
  local message = check.raises(function() nn.load(scratch.folder .. '/missing.safetensors') end, 'cannot read')
  check.truthy(message:find('test_nn_saving.lua:%d+: load: cannot read'), message)
  check.raises(function() nn.load(path) end, 'weights only')
end)

check.test('Lambda layers and Lua activations load with their functions given again', function()
  local input = nn.Input {2}
  local scaled = nn.Lambda(function(t) return t * 3 end, {name = 'triple', output_shape = {2}})(input)
  local output = nn.Dense(2, {activation = function(t) return t:abs() end})(scaled)
  local model = nn.Model(input, output)
  local path = scratch:path('lambda.safetensors')
  model:save(path)
  check.raises(function() nn.load(path) end, 'triple')
  local message = check.raises(function() nn.load(path, {functions = {triple = function(t) return t * 3 end}}) end,
    'lua_activation')
  local activation = message:match('(lua_activation[_%d]*)')
  local loaded = nn.load(path, {functions = {triple = function(t) return t * 3 end, [activation] = function(t) return t:abs() end}})
  local x = tensor {{1, -2}, {0.5, 4}}
  check.same(loaded(x):totable(), model(x):totable(), 1e-6)
end)

check.test('fit through a pipe writes one progress line per epoch in Keras 3 format; show prints a model\'s summary', function()
  local script = scratch:path('fit.lua')
  local file = assert(io.open(script, 'w'))
  file:write([[
    local nn, tensor = require 'nn', require 'tensor'
    local model = nn.Sequential {nn.Input {1}, nn.Dense(1)}
    model:compile {optimizer = 'sgd', loss = 'mse', metrics = {'mae'}}
    local x = tensor.linspace(0, 1, 40):reshape {40, 1}
    model:fit(x, x * 2, {epochs = 2, batch_size = 16})
    model:fit(x, x * 2, {epochs = 1, batch_size = 16, verbose = 2})
    model:fit(x, x * 2, {epochs = 1, verbose = 0})
    show(model)
  ]])
  file:close()
  -- sh's parent is this lunette process: run the same executable with its output a pipe.
  local pipe = assert(io.popen('"/proc/$PPID/exe" run ' .. script))
  local output = pipe:read('a')
  pipe:close()
  check.equal(output:find('\r', 1, true), nil, 'no redrawing on a pipe')
  local progress, shown = output:match('^(.-)(Model: .*)$')
  check.truthy(shown and shown:find('Trainable params: 2 (8.00 B)', 1, true), 'show(model) prints its summary: ' .. output)
  local lines = {}
  for line in progress:gmatch('[^\n]+') do lines[#lines + 1] = line end
  check.equal(#lines, 6, output)
  check.equal(lines[1], 'Epoch 1/2')
  check.truthy(lines[2]:match('^3/3 ━━━━━━━━━━━━━━━━━━━━ %d+s %d+[mu]?s/step %- loss: %d+%.%d%d%d%d %- mae: %d+%.%d%d%d%d$'), lines[2])
  check.equal(lines[3], 'Epoch 2/2')
  check.truthy(lines[4]:match('^3/3 ━━━━━━━━━━━━━━━━━━━━ '), lines[4])
  check.equal(lines[5], 'Epoch 1/1')
  check.truthy(lines[6]:match('^3/3 %- %d+s %- %d+[mu]?s/step %- loss: %d+%.%d%d%d%d %- mae: %d+%.%d%d%d%d$'), lines[6])
end)

check.test('tostring of layers and models, and summary as text', function()
  local model = cnn()
  check.truthy(tostring(model):match('^<Sequential name=sequential[_%d]*, built=true>$'), tostring(model))
  check.truthy(tostring(model.layers[1]):match('^<Conv2D name=conv2d[_%d]*, built=true>$'))
  local text = model:summary {as_text = true}
  check.truthy(text:find('Total params: 86 ', 1, true), text)
  check.equal(model:summary(), nil)
end)

scratch:remove()
check.done()
