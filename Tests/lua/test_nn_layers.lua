-- Every layer constructor of nn with Keras' positional parameters and options: the output shapes a
-- model records for them are Keras' (worked out from each layer's definition), and the options reach
-- the layer.
local check = require 'support.check'
local nn = require 'nn'
local tensor = require 'tensor'

--- The output shape (-1 for the batch) of `layer` called on an Input of `shape`.
local function output_shape(shape, layer)
  local output = layer(nn.Input(shape))
  return output.shape
end

check.test('layers built on symbolic inputs give Keras output shapes', function()
  local cases = {
    {{10}, nn.Dense(4), {-1, 4}},
    {{10}, nn.Dense{units = 3, use_bias = false}, {-1, 3}},
    {{10}, nn.Activation('relu'), {-1, 10}},
    {{2, 3, 4}, nn.Flatten(), {-1, 24}},
    {{12}, nn.Reshape {3, 4}, {-1, 3, 4}},
    {{12}, nn.Reshape {target_shape = {2, -1}}, {-1, 2, 6}},
    {{2, 3}, nn.Permute {2, 1}, {-1, 3, 2}},
    {{5}, nn.RepeatVector(3), {-1, 3, 5}},
    {{5}, nn.Dropout(0.5), {-1, 5}},
    {{7}, nn.Embedding(100, 8), {-1, 7, 8}},
    {{20, 3}, nn.Conv1D(4, 5), {-1, 16, 4}},
    {{20, 3}, nn.Conv1D(4, 3, {padding = 'causal', dilation_rate = 2}), {-1, 20, 4}},
    {{9, 9, 1}, nn.Conv2D(2, {3, 2}, {strides = 2}), {-1, 4, 4, 2}},
    {{4, 4, 3}, nn.Conv2DTranspose(5, 3, {strides = 2, padding = 'same'}), {-1, 8, 8, 5}},
    {{9, 9, 1}, nn.MaxPooling2D(), {-1, 4, 4, 1}},
    {{9, 9, 1}, nn.MaxPool2D(3, {strides = 1}), {-1, 7, 7, 1}},
    {{9, 9, 1}, nn.AveragePooling2D(2, {padding = 'same'}), {-1, 5, 5, 1}},
    {{6, 6, 3}, nn.GlobalAveragePooling2D(), {-1, 3}},
    {{6, 6, 3}, nn.GlobalMaxPool2D {keepdims = true}, {-1, 1, 1, 3}},
    {{7, 3}, nn.GlobalAveragePooling1D(), {-1, 3}},
    {{7, 3}, nn.GlobalMaxPool1D {keepdims = true}, {-1, 1, 3}},
    {{3, 4, 2}, nn.UpSampling2D(2), {-1, 6, 8, 2}},
    {{3, 4, 2}, nn.UpSampling2D({1, 3}, {interpolation = 'bilinear'}), {-1, 3, 12, 2}},
    {{5}, nn.BatchNormalization {momentum = 0.9}, {-1, 5}},
    {{5}, nn.LayerNormalization(), {-1, 5}},
    {{6, 3}, nn.SimpleRNN(4), {-1, 4}},
    {{6, 3}, nn.LSTM(5, {return_sequences = true}), {-1, 6, 5}},
    {{6, 3}, nn.GRU(2), {-1, 2}},
    {{6, 3}, nn.Bidirectional(nn.LSTM(4)), {-1, 8}},
    {{6, 3}, nn.Bidirectional(nn.GRU(4, {return_sequences = true}), {merge_mode = 'sum'}), {-1, 6, 4}},
  }
  for i, case in ipairs(cases) do
    check.same(output_shape(case[1], case[2]), case[3], nil, 'case ' .. i .. ' (' .. tostring(case[2]) .. ')')
  end
end)

check.test('merging layers take lists of symbolic tensors', function()
  local a, b = nn.Input {3}, nn.Input {3}
  check.same(nn.Add()({a, b}).shape, {-1, 3})
  check.same(nn.Subtract()({a, b}).shape, {-1, 3})
  check.same(nn.Multiply()({a, b}).shape, {-1, 3})
  check.same(nn.Average()({a, b}).shape, {-1, 3})
  check.same(nn.Maximum()({a, b}).shape, {-1, 3})
  check.same(nn.Minimum()({a, b}).shape, {-1, 3})
  check.same(nn.Concatenate(-1)({a, b}).shape, {-1, 6})
  check.same(nn.Dot(1)({a, b}).shape, {-1, 1})
  check.same(nn.Dot {axes = {2, 2}}({nn.Input {4, 3}, nn.Input {5, 3}}).shape, {-1, 4, 5})
  local cosine = nn.Model({a, b}, nn.Dot(-1, {normalize = true})({a, b}))
  check.near(cosine({tensor {{1, 2, 2}}, tensor {{2, 4, 4}}}):item(), 1, 1e-6)
  -- axes count from 0 as in Keras: 0 is the batch, and an axis past the rank lists the valid ones
  check.raises(function() nn.Concatenate(0)({a, b}) end, 'axis 0 is the batch axis, which cannot be joined')
  check.raises(function() nn.Concatenate(2)({a, b}) end, 'axis 2 does not fit inputs of rank 2: axes count from 0 as in Keras, so it must be one of 1, -1')
  check.same(nn.Concatenate(2)({nn.Input {2, 3}, nn.Input {2, 4}}).shape, {-1, 2, 7})
  local model = nn.Model({a, b}, nn.Subtract()({a, b}))
  check.same(model({tensor {{5, 5, 5}}, tensor {{1, 2, 3}}}):totable(), {{4, 3, 2}})
end)

check.test('GlobalAveragePooling1D and GlobalMaxPooling1D pool over the steps: an Embedding text classifier', function()
  -- two sequences of three steps with two features; means and maxima worked out by hand
  local x = tensor {{{1, 2}, {3, 4}, {5, 9}}, {{0, -1}, {0, -2}, {3, -3}}}
  check.same(nn.GlobalAveragePooling1D()(x):totable(), {{3, 5}, {1, -2}}, 1e-6)
  check.same(nn.GlobalMaxPooling1D()(x):totable(), {{5, 9}, {3, -1}})
  check.same(nn.GlobalAvgPool1D {keepdims = true}(x):size(), {2, 1, 2})
  check.raises(function() nn.GlobalAveragePooling1D()(nn.Input {6, 6, 3}) end, 'expected an input of rank 3')
  -- the word "7" in a sequence makes it positive: an average of embeddings learns that
  tensor.manual_seed(5)
  local words = (tensor.rand(64, 6) * 6):floor():long()
  words:narrow(1, 1, 32):narrow(2, 3, 1):fill_(7)
  local labels = tensor.zeros(64, 1)
  labels:narrow(1, 1, 32):fill_(1)
  nn.clear_session()
  local model = nn.Sequential {
    nn.Input {6, dtype = 'int64'}, nn.Embedding(8, 4), nn.GlobalAveragePooling1D(), nn.Dense(1, {activation = 'sigmoid'}),
  }
  check.truthy(model:summary {as_text = true, line_length = 150}:find('global_average_pooling1d (GlobalAveragePooling1D)', 1, true))
  model:compile {optimizer = require('optim').Adam(0.05), loss = 'binary_crossentropy', metrics = {'accuracy'}}
  local history = model:fit(words, labels, {epochs = 30, batch_size = 16, verbose = 0, seed = 2})
  check.equal(history.accuracy[30], 1)
  -- saved and loaded as the other layers
  local base = os.tmpname()
  local path = base .. '.safetensors'
  model:save(path)
  check.same(nn.load(path):predict(words, {verbose = 0}):totable(), model:predict(words, {verbose = 0}):totable(), 1e-6)
  os.remove(path)
  os.remove(base)
end)

check.test('Embedding takes whole word ids given as floats, and refuses fractions and NaN', function()
  local embedding = nn.Embedding(4, 2)
  local ids = tensor {{0, 3, 1}}
  check.same(embedding(ids):totable(), embedding(ids:long()):totable())
  local message = check.raises(function() embedding(tensor {{0, 0 / 0, 1}}) end, 'indices must be whole numbers in 0..<4 (input_dim)')
  check.truthy(message:find('test_nn_layers.lua:%d+:'), message)
  check.raises(function() embedding(tensor {{0, 1.5, 1}}) end, 'fractions or NaN')
end)

check.test('LSTM with return_state gives several outputs', function()
  local input = nn.Input {4, 2}
  local sequence, h, c = nn.LSTM(3, {return_state = true})(input)
  check.same(sequence.shape, {-1, 3})
  check.same(h.shape, {-1, 3})
  check.same(c.shape, {-1, 3})
  local model = nn.Model(input, {sequence, h, c})
  local outputs = {model(tensor.rand(2, 4, 2))}
  check.equal(#outputs, 3)
  check.same(outputs[1]:totable(), outputs[2]:totable())
end)

check.test('Sequential grows with add, and builds on its first data without an Input', function()
  local model = nn.Sequential()
  model:add(nn.Dense(4, {activation = 'relu'}))
  model:add(nn.Dense(2))
  check.equal(model.built, false)
  check.same(model(tensor.rand(3, 5)):size(), {3, 2})
  check.equal(model.built, true)
  check.equal(model:count_params(), 5 * 4 + 4 + 4 * 2 + 2)
  local named = nn.Sequential({nn.Input {2}, nn.Dense(1)}, {name = 'named'})
  check.equal(named.name, 'named')
  check.equal(nn.Sequential {nn.Input {2}, nn.Dense(1), name = 'inline'}.name, 'inline')
  check.raises(function() nn.Model(nn.Input {2}, nn.Dense(1)(nn.Input {2})) end, 'not among the model')
end)

check.test("get_config gives a layer's Keras configuration", function()
  local config = nn.Dense(10, {activation = 'relu', name = 'hidden'}):get_config()
  check.equal(config.units, 10)
  check.equal(config.activation, 'relu')
  check.equal(config.name, 'hidden')
  check.equal(config.use_bias, true)
  check.same(nn.Conv2D(4, 3, {strides = 2}):get_config().strides, {2, 2})
  local model = nn.Sequential {nn.Input {3}, nn.Dense(2)}
  check.equal(model:get_config().layers[2].class_name, 'Dense')
end)

check.test('constructor arguments are checked with clear messages', function()
  check.raises(function() nn.Dense() end, "nn.Dense: missing argument 'units'")
  check.raises(function() nn.Dense('ten') end, "nn.Dense: argument #1 (units) must be an integer, got 'ten'")
  check.raises(function() nn.Dense(10, {activaton = 'relu'}) end, "unknown option 'activaton'")
  check.raises(function() nn.Dense(10, {activation = 'rellu'}) end, "unknown activation 'rellu'")
  check.raises(function() nn.Conv2D(8, 3, {padding = 'full'}) end, "option 'padding' must be one of 'valid', 'same', 'causal', got 'full'")
  check.raises(function() nn.Flatten {foo = 1} end, "nn.Flatten: unknown option 'foo'")
  check.raises(function() nn.Dense(10, {units = 3}) end, "'units' is given both as an argument and as an option")
  check.raises(function() nn.Dense(10, {}, {}) end, 'argument #3 is one too many')
  check.raises(function() nn.Dropout(0.5, {name = 3}) end, "option 'name' must be a string")
  check.raises(function() nn.Input {} end, 'the shape is missing')
  check.raises(function() nn.Bidirectional(nn.Dense(2)) end, 'expected a recurrent layer')
end)

check.done()
