-- Keras' option forms on the Lua side: sizes as a number or a table, non-square values end to end,
-- strides with dilation, Keras 2's input_shape, the 1-D pooling, padding and cropping layers, missing
-- layer names, and messages for wrong forms (in Lua terms, never Swift's).
local check = require 'support.check'
local nn = require 'nn'
local tensor = require 'tensor'
local autograd = require 'autograd'
local scratch = require('support.scratch').new()
os.execute('mkdir -p ' .. scratch.folder)

--- The output shape (-1 for the batch) of `layer` called on an Input of `shape`.
local function output_shape(shape, layer)
  return layer(nn.Input(shape)).shape
end

check.test("the homework's fruit autoencoder builds with tuple forms and has Keras' 204,857 parameters", function()
  -- /work/shared/homework, the colour autoencoder on 100x100x3 fruit pictures, with its Keras summary.
  local input = nn.Input {100, 100, 3}
  local h = nn.Conv2D(50, {6, 6}, {activation = 'tanh', padding = 'same'})(input)
  h = nn.MaxPooling2D {pool_size = {4, 4}, strides = {4, 4}}(h)
  h = nn.Conv2D(50, {5, 5}, {activation = 'tanh', padding = 'same'})(h)
  h = nn.MaxPooling2D {pool_size = {4, 4}, strides = {6, 6}}(h)
  h = nn.Conv2D(1, {3, 3}, {activation = 'tanh'})(h)
  local encoded = nn.Conv2D(1, {1, 2}, {activation = 'elu', name = 'encoder_end'})(h)
  h = nn.UpSampling2D {5, 5}(encoded)
  h = nn.Conv2D(50, {3, 3}, {activation = 'tanh', padding = 'same'})(h)
  h = nn.UpSampling2D {5, 5}(h)
  h = nn.Conv2D(100, {5, 5}, {activation = 'tanh', padding = 'same'})(h)
  h = nn.UpSampling2D {2, 4}(h)
  local output = nn.Conv2D(3, {6, 6}, {activation = 'sigmoid', padding = 'same'})(h)
  local model = nn.Model(input, output)
  check.same(encoded.shape, {-1, 2, 1, 1})
  check.same(output.shape, {-1, 100, 100, 3})
  check.equal(model:count_params(), 204857)
  local summary = model:summary {as_text = true}
  check.truthy(summary:find('Total params: 204,857', 1, true), summary)
  for _, count in ipairs {'5,450', '62,550', '451', '500', '125,100', '10,803'} do
    check.truthy(summary:find(count, 1, true), count)
  end
end)

check.test('size options take a number or a table, also as options and inside the options table', function()
  check.same(output_shape({8, 9, 1}, nn.MaxPooling2D(4, {strides = {6, 6}})), {-1, 1, 1, 1})
  check.same(output_shape({8, 9, 1}, nn.MaxPooling2D({2, 3}, {strides = {1, 2}})), {-1, 7, 4, 1})
  check.same(output_shape({8, 9, 1}, nn.AveragePooling2D {pool_size = {2, 3}, strides = 2}), {-1, 4, 4, 1})
  check.same(output_shape({7, 9, 1}, nn.Conv2D(2, {2, 3}, {strides = {1, 2}})), {-1, 6, 4, 2})
  check.same(output_shape({7, 9, 1}, nn.Conv2D {filters = 2, kernel_size = {2, 3}, dilation_rate = {2, 1}}), {-1, 5, 7, 2})
  check.same(output_shape({3, 4, 1}, nn.Conv2DTranspose(2, {2, 3}, {strides = {2, 3}, output_padding = {1, 0}})),
    {-1, 7, 12, 2})   -- (n - 1) s + k + output_padding: 2*2 + 2 + 1, 3*3 + 3 + 0
  check.same(output_shape({3, 4, 1}, nn.UpSampling2D {size = {2, 4}}), {-1, 6, 16, 1})
  check.same(output_shape({10, 2}, nn.Conv1D(3, {3}, {strides = {2}, dilation_rate = {1}})), {-1, 4, 3})
end)

check.test('non-square options run forward and backward, and survive save and load', function()
  local model = nn.Sequential {
    nn.Input {9, 11, 2},
    nn.Conv2D(3, {2, 3}, {strides = {1, 2}, padding = 'same', activation = 'relu'}),
    nn.Conv2DTranspose(2, {3, 2}, {strides = {2, 1}, output_padding = {1, 0}}),
    nn.MaxPooling2D({2, 3}, {strides = {2, 1}}),
    nn.AveragePooling2D({1, 2}),
    nn.UpSampling2D {3, 2},
    nn.ZeroPadding2D {{1, 0}, {2, 3}},
    nn.Cropping2D {{0, 1}, 1},
    nn.Flatten(),
    nn.Dense(1),
  }
  local x = tensor.rand(2, 9, 11, 2)
  local y = model(x)
  check.same(y:shape(), {2, 1})
  y:sum():backward()
  for _, p in ipairs(model:parameters()) do check.truthy(p.grad, 'every weight has a gradient') end
  local path = scratch:path('options.safetensors')
  model:save(path)
  local loaded = nn.load(path)
  check.equal(loaded:summary {as_text = true}, model:summary {as_text = true})
  check.same(loaded(x):totable(), y:totable(), 0)
end)

check.test('strides and dilation together give the output size PyTorch computes', function()
  -- floor((n - (k - 1) d - 1) / s) + 1: (32 - 9) / 2 + 1 = 12 (the course's Conv2D(32, 5, strides = 2, dilation_rate = 2))
  check.same(output_shape({32, 32, 3}, nn.Conv2D(32, 5, {strides = 2, dilation_rate = 2})), {-1, 12, 12, 32})
  check.same(output_shape({20, 4}, nn.Conv1D(2, 3, {strides = 3, dilation_rate = 2})), {-1, 6, 2})
  local conv = nn.Conv2D(2, 3, {strides = {2, 1}, dilation_rate = {1, 2}})
  local x = tensor.rand(1, 9, 9, 1):requires_grad_()
  local y = conv(x)
  check.same(y:shape(), {1, 4, 5, 2})
  y:sum():backward()
  check.same(x.grad:shape(), {1, 9, 9, 1})
end)

check.test("input_shape, input_dim and batch_input_shape on a Sequential's first layer", function()
  local a = nn.Sequential {nn.Dense(64, {input_shape = {10}, activation = 'relu'}), nn.Dense(1)}
  check.same(a.input.shape, {-1, 10})
  check.equal(a:count_params(), 10 * 64 + 64 + 65)
  local b = nn.Sequential {nn.Dense(4, {input_dim = 10}), nn.Dense(1)}
  check.same(b.input.shape, {-1, 10})
  local c = nn.Sequential {nn.Conv2D(2, 3, {batch_input_shape = {8, 6, 6, 1}})}
  check.same(c.input.shape, {8, 6, 6, 1})
  check.same(c.output.shape, {8, 4, 4, 2})
  local d = nn.Sequential()
  d:add(nn.LSTM(3, {input_shape = {5, 2}}))
  check.same(d.output.shape, {-1, 3})
  local path = scratch:path('input_shape.safetensors')
  a:save(path)
  check.same(nn.load(path).input.shape, {-1, 10})
  check.raises(function() nn.Dense(4, {input_shape = 'x'}) end,
    "nn.Dense: option 'input_shape' must be an integer or a list of integers, got 'x'")
  check.raises(function() nn.Dense(4, {input_shape = {0}}) end,
    "option 'input_shape' must be a positive integer or a list of them (sizes without the batch), got {0}")
  check.raises(function() nn.Dense(4, {input_shape = {3}, input_dim = 3}) end,
    "give one of the options 'input_shape', 'input_dim', 'batch_input_shape', not 'input_dim' and 'input_shape'")
  local typo = check.raises(function() nn.Dense(4, {input_shap = {3}}) end, "unknown option 'input_shap'")
  check.truthy(typo:find('input_shape', 1, true) and typo:find('batch_input_shape', 1, true), 'the known options list them: ' .. typo)
  check.raises(function() nn.Dense(4, {batch_input_shape = {3}}) end,
    "option 'batch_input_shape' must be a list of positive integers, the batch size first, got {3}")
end)

check.test("1-D pooling, zero padding and cropping, with Keras' aliases", function()
  local x = tensor {{{1}, {5}, {2}, {4}, {3}}}   -- (1, 5, 1)
  check.same(nn.MaxPooling1D(2)(x):totable(), {{{5}, {4}}})
  check.same(nn.MaxPool1D(2, {strides = 1})(x):totable(), {{{5}, {5}, {4}, {4}}})
  check.same(nn.AveragePooling1D(2, {padding = 'same'})(x):totable(), {{{3}, {3}, {3}}})
  check.same(nn.AvgPool1D {pool_size = 3, strides = 2}(x):totable(), {{{8 / 3}, {3}}}, 1e-6)
  check.same(nn.ZeroPadding1D(1)(x):view(-1):totable(), {0, 1, 5, 2, 4, 3, 0})
  check.same(nn.ZeroPadding1D {2, 0}(x):view(-1):totable(), {0, 0, 1, 5, 2, 4, 3})
  check.same(nn.Cropping1D()(x):view(-1):totable(), {5, 2, 4})
  check.same(nn.Cropping1D {cropping = {0, 3}}(x):view(-1):totable(), {1, 5})
  local image = tensor.arange(1, 7):view(1, 2, 3, 1)  -- rows {1, 2, 3}, {4, 5, 6}
  check.same(nn.ZeroPadding2D()(image):shape(), {1, 4, 5, 1})
  check.same(nn.ZeroPadding2D {{1, 0}, {0, 2}}(image):view(3, 5):totable(), {{0, 0, 0, 0, 0}, {1, 2, 3, 0, 0}, {4, 5, 6, 0, 0}})
  check.same(nn.Cropping2D {{1, 0}, {0, 1}}(image):view(-1):totable(), {4, 5})
  check.same(nn.Cropping2D(1)(tensor.rand(2, 4, 5, 3)):shape(), {2, 2, 3, 3})
  local model = nn.Sequential {nn.Input {6, 2}, nn.ZeroPadding1D(1), nn.MaxPooling1D(2), nn.Cropping1D(1), nn.AveragePooling1D(1)}
  local summary = model:summary {as_text = true}
  for _, line in ipairs {'zero_padding1d', '(ZeroPadding1D)', '(None, 8, 2)', '(None, 4, 2)', '(None, 2, 2)', 'Total params: 0'} do
    check.truthy(summary:find(line, 1, true), line .. ' in\n' .. summary)
  end
  local path = scratch:path('one_d.safetensors')
  model:save(path)
  local x6 = tensor.rand(3, 6, 2)
  check.same(nn.load(path)(x6):totable(), model(x6):totable(), 0)
  check.equal(nn.load(path):summary {as_text = true}, summary)
  check.raises(function() nn.Cropping1D(3)(nn.Input {6, 2}) end, 'cannot crop 3 + 3 from a size of 6')
  check.raises(function() nn.ZeroPadding2D {1, 2, 3} end,
    "option 'padding' must be an integer ≥ 0, a list {rows, columns}, or {{top, bottom}, {left, right}}, got {1, 2, 3}")
  check.raises(function() nn.Cropping1D {-1, 2} end, "option 'cropping' must be an integer ≥ 0 or a list {before, after}, got {-1, 2}")
end)

check.test('sizes too large for any tensor are errors, not overflows', function()
  check.raises(function() nn.Conv2D(1, {20000, 1}, {dilation_rate = {2 ^ 49, 1}})(nn.Input {5, 5, 1}) end,
    'makes a window too large for a tensor')
  check.raises(function() nn.UpSampling2D(2 ^ 40)(nn.Input {2 ^ 40, 2, 1}) end, 'too large for a tensor')
  check.raises(function() nn.Conv2DTranspose(1, 2, {strides = 2 ^ 49})(nn.Input {2 ^ 40, 2, 1}) end, 'too large for a tensor')
  check.raises(function() nn.ZeroPadding1D(2 ^ 49) end, "option 'padding' must be")
end)

check.test('a missing layer name is an error naming the nearest layers', function()
  check.raises(function() return nn.MaxPool3D(2) end, "nn has no layer 'MaxPool3D'; did you mean 'MaxPool1D', 'MaxPool2D'?")
  check.raises(function() return nn.Dens(2) end, "nn has no layer 'Dens'; did you mean 'Dense'?")
  local message = check.raises(function() return nn.Zzyzx end, "nn has no layer 'Zzyzx'")
  check.truthy(not message:find('did you mean'), message)
  check.truthy(message:find('test_nn_options.lua:%d+:'), 'the message gives the script line: ' .. message)
  check.equal(nn.not_a_function, nil)   -- lower-case fields read as nil, so `nn.x or default` works
end)

check.test('wrong size forms give messages naming the option, what was given and what is accepted', function()
  check.raises(function() nn.MaxPooling2D(4, {strides = 'x'}) end,
    "nn.MaxPooling2D: option 'strides' must be an integer or a list of integers, got 'x'")
  check.raises(function() nn.MaxPooling2D(4, {strides = {{6}, 6}}) end,
    "option 'strides' must be an integer or a list of integers, got {{6}, 6} (element 1 is {6})")
  check.raises(function() nn.MaxPooling2D(4, {strides = {1, 2, 3}}) end,
    "option 'strides' must be a positive integer or a list of 2 of them, got {1, 2, 3}")
  check.raises(function() nn.Conv2D(4, 3, {dilation_rate = {0, 1}}) end,
    "option 'dilation_rate' must be a positive integer or a list of 2 of them, got {0, 1}")
  check.raises(function() nn.Conv1D(4, {3, 3}) end, "option 'kernel_size' must be a positive integer, got {3, 3}")
  check.raises(function() nn.Conv2DTranspose(4, 3, {strides = 2, output_padding = {2, 0}}) end,
    "option 'output_padding' must be smaller than the strides {2, 2}, got {2, 0}")
  check.raises(function() nn.UpSampling2D(2.5) end, "argument #1 (size) must be an integer or a list of integers, got 2.5")
  check.raises(function() nn.Conv2D(4, 3, {use_bias = 'yes'}) end, "option 'use_bias' must be a boolean, got 'yes'")
  check.raises(function() nn.Conv2D(4, 3, {padding = 3}) end, "option 'padding' must be one of 'valid', 'same', 'causal', got 3")
end)

-- Words that belong to Swift and must never reach a Lua user.
local swift_words = {'Index ', 'Expected to decode', 'Swift', 'Optional', 'Array<', 'Dictionary', 'Int64', 'Double',
  'CodingKeys', 'keyNotFound', 'typeMismatch', 'dataCorrupted', 'debugDescription', 'JSON', 'NNError', 'TensorError'}

local function swift_leak(message)
  for _, word in ipairs(swift_words) do
    if message:find(word, 1, true) then return word end
  end
  -- camelCase property names (dilationRate, useBias): a lower-case word with a capital inside
  local camel = message:gsub('%f[%w]%u%w*', ''):match('%f[%w]%l+%u%w*')
  if camel then return camel end
  if message:find('got %[') then return 'a Swift array literal' end
end

--- Every layer constructor with its required arguments.
local layers = {
  Dense = {4}, Activation = {'relu'}, Flatten = {}, Reshape = {{4}}, Permute = {{1}}, RepeatVector = {2}, Dropout = {0.5},
  Embedding = {10, 4}, Conv1D = {2, 3}, Conv2D = {2, 3}, Conv2DTranspose = {2, 3}, MaxPooling2D = {}, AveragePooling2D = {},
  MaxPooling1D = {}, AveragePooling1D = {}, ZeroPadding1D = {}, ZeroPadding2D = {}, Cropping1D = {}, Cropping2D = {},
  GlobalAveragePooling2D = {}, GlobalMaxPooling2D = {}, GlobalAveragePooling1D = {}, GlobalMaxPooling1D = {},
  UpSampling2D = {}, BatchNormalization = {}, LayerNormalization = {}, SimpleRNN = {3}, LSTM = {3}, GRU = {3},
  Concatenate = {}, Dot = {1}, Add = {}, Subtract = {}, Multiply = {}, Average = {}, Maximum = {}, Minimum = {},
  Input = {{3}}, Bidirectional = {nn.LSTM(2)}, Lambda = {function(x) return x end},
}

--- The options a layer knows, read from the message about an unknown one.
local function known_options(name, args)
  local call = {table.unpack(args)}
  call[#call + 1] = {no_such_option = 1}
  local ok, message = pcall(nn[name], table.unpack(call))
  assert(not ok, name .. ' accepted an unknown option')
  local list = message:match('known options: (.*)%)') or message:match('the options are (.*)$')
  assert(list, name .. ': ' .. message)
  local options = {}
  for option in list:gmatch('[%w_]+') do options[#options + 1] = option end
  return options
end

local wrong_forms = {'x_wrong', {{1}, 2}, {1, 2, 3, 4, 5}, 2.5, -3, true, {a = 1}, print, {'a', 'b'}, 1e300}

check.test("every layer's options with wrong forms: messages name the option and no Swift words", function()
  -- The detector finds the messages this walk was written against.
  check.truthy(swift_leak("bad value for option 'strides.Index 0': Expected to decode Int but found an array instead."))
  check.equal(swift_leak("Conv2D: bad value for option 'dilationRate'"), 'dilationRate')
  check.equal(swift_leak("nn.MaxPooling2D: option 'strides' must be an integer or a list of integers, got 'x'"), nil)
  local tried, refused = 0, 0
  for name, args in pairs(layers) do
    for _, option in ipairs(known_options(name, args)) do
      for _, wrong in ipairs(wrong_forms) do
        local call = {table.unpack(args)}
        call[#call + 1] = {[option] = wrong}
        local ok, message = pcall(nn[name], table.unpack(call))
        tried = tried + 1
        if not ok then
          refused = refused + 1
          check.equal(type(message), 'string', name .. '.' .. option)
          local leak = swift_leak(message)
          check.truthy(not leak, name .. ' ' .. option .. ' = ' .. tostring(wrong) .. ': "' .. tostring(leak) .. '" in ' .. message)
          check.truthy(message:find(option, 1, true), name .. ' ' .. option .. ': the message does not name the option: ' .. message)
        end
      end
    end
  end
  check.truthy(tried > 1000 and refused > tried / 2, tried .. ' tried, ' .. refused .. ' refused')
end)

scratch:remove()
check.done()
