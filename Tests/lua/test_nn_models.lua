-- Functional models, layers and models called on tensors with autograd, layer access and sub-models
-- sharing weights (Grad-CAM, an autoencoder's encoder), Lambda layers and activations written in Lua,
-- weights and trainable. Expected values are worked out by hand from weights set in the test.
local check = require 'support.check'
local nn = require 'nn'
local tensor = require 'tensor'
local autograd = require 'autograd'

--- A Dense layer 2 -> 2 with kernel {{1, 2}, {3, 4}} and bias {0.5, -1}, built on an Input.
local function known_dense(options)
  local input = nn.Input {2}
  local dense = nn.Dense(2, options)
  local output = dense(input)
  dense:set_weights {tensor {{1, 2}, {3, 4}}, tensor {0.5, -1}}
  return input, dense, output
end

check.test('a functional model computes what its layers compute, with autograd history', function()
  local input, dense, output = known_dense()
  local model = nn.Model(input, output, {name = 'tiny'})
  check.equal(model.name, 'tiny')
  local x = tensor {{1, 1}, {2, 0}}
  local y = model(x)
  -- x·W + b: {1+3+0.5, 2+4-1} and {2+0.5, 4-1}
  check.same(y:totable(), {{4.5, 5}, {2.5, 3}}, 1e-6)
  y:sum():backward()
  local kernel = dense.weights[1]
  -- d(sum)/dW[i][j] = sum over samples of x[i]: {3, 3} and {1, 1}
  check.same(kernel.grad:totable(), {{3, 3}, {1, 1}}, 1e-6)
  check.same(dense.weights[2].grad:totable(), {2, 2}, 1e-6)
  check.equal(#model:parameters(), 2)
  check.equal(model:count_params(), 6)
end)

check.test('several inputs and outputs: Concatenate, lists in, several results out', function()
  local a, b = nn.Input {2, name = 'a'}, nn.Input {shape = {3}, name = 'b'}
  local joined = nn.Concatenate()({a, b})
  local doubled = nn.Lambda(function(t) return t * 2 end, {name = 'double'})(joined)
  local model = nn.Model {inputs = {a, b}, outputs = {joined, doubled}}
  check.equal(#model.inputs, 2)
  check.equal(#model.outputs, 2)
  local first, second = model({tensor {{1, 2}}, tensor {{3, 4, 5}}})
  check.same(first:totable(), {{1, 2, 3, 4, 5}})
  check.same(second:totable(), {{2, 4, 6, 8, 10}})
  check.same(joined.shape, {-1, 5})
  check.equal(model:layer('double').name, 'double')
end)

check.test('Grad-CAM: a sub-model to the last convolution and the output gives gradients of its shape', function()
  local model = nn.Sequential {
    nn.Input {8, 8, 1},
    nn.Conv2D(4, 3, {padding = 'same', activation = 'relu', name = 'last_conv'}),
    nn.Flatten(),
    nn.Dense(3, {activation = 'softmax'}),
  }
  local cam = nn.Model(model.input, {model:layer('last_conv').output, model.output})
  local x = tensor.rand(5, 8, 8, 1)
  local conv, probs = cam(x)
  check.same(conv:size(), {5, 8, 8, 4})
  -- the sub-model shares the weights: its output is the model's
  check.same(probs:totable(), model(x):totable(), 1e-6)
  local grads = autograd.grad(probs:max(2):sum(), conv)
  check.same(grads:size(), {5, 8, 8, 4})
  check.truthy(grads:abs():sum():item() > 0, 'the gradient is not all zero')
  local heat = (conv * grads:mean({2, 3}, true)):sum(4):relu()
  check.same(heat:size(), {5, 8, 8})
end)

check.test("an autoencoder's encoder is a sub-model that shares its weights", function()
  local input = nn.Input {6}
  local code = nn.Dense(2, {activation = 'tanh', name = 'code'})(input)
  local decoded = nn.Dense(6, {name = 'decoded'})(code)
  local autoencoder = nn.Model(input, decoded)
  local encoder = nn.Model(autoencoder.input, autoencoder:layer('code').output)
  local x = tensor.rand(4, 6)
  autoencoder:compile {optimizer = 'adam', loss = 'mse'}
  autoencoder:fit(x, x, {epochs = 3, verbose = 0})
  local expected = (x:matmul(autoencoder:layer('code').weights[1]) + autoencoder:layer('code').weights[2]):tanh()
  check.same(encoder:predict(x, {verbose = 0}):totable(), expected:detach():totable(), 1e-5)
  check.equal(encoder:count_params(), 14)
end)

check.test('Lambda and activations written in Lua run inside models, and their errors keep their line', function()
  local seen = 0
  local input, dense, output = known_dense {activation = function(t)
    seen = seen + 1
    return t - 1
  end}
  local model = nn.Sequential {nn.Input {2}, nn.Lambda(function(t) return t * 10 end, {output_shape = {2}})}
  check.same(model(tensor {{1, 2}}):totable(), {{10, 20}})
  local after = nn.Model(input, output)(tensor {{1, 1}})
  check.same(after:totable(), {{3.5, 4}})
  check.truthy(seen >= 1)
  local failing = nn.Sequential {nn.Input {2}, nn.Lambda(function(t) error('lambda broke') end, {output_shape = {2}})}
  local message = check.raises(function() failing(tensor {{1, 2}}) end, 'lambda broke')
  check.truthy(message:find('test_nn_models.lua:%d+: lambda broke'), message)
  local a, b = nn.Input {2}, nn.Input {2}
  local product = nn.Lambda(function(x) return x[1] * x[2] end)({a, b})
  check.same(nn.Model({a, b}, product)({tensor {{1, 2}}, tensor {{3, 4}}}):totable(), {{3, 8}})
  local wrong = nn.Lambda(function(t) return 'text' end, {name = 'wrong'})
  check.raises(function() nn.Sequential {nn.Input {2}, wrong} end, 'Lambda (wrong) must return a Tensor, got string')
end)

check.test('trainable, weights, get_weights and set_weights', function()
  local model = nn.Sequential {nn.Input {3}, nn.Dense(4, {name = 'hidden'}), nn.Dense(1)}
  check.equal(#model.weights, 4)
  check.equal(#model:parameters(), 4)
  local hidden = model:layer('hidden')
  hidden.trainable = false
  check.equal(hidden.trainable, false)
  check.equal(#model:parameters(), 2)
  check.equal(#model.non_trainable_weights, 2)
  check.truthy(model:summary {as_text = true}:find('Non%-trainable params: 16'))
  local saved = model:get_weights()
  check.equal(#saved, 4)
  saved[1]:fill_(0.25)
  check.truthy(model.weights[1]:sum():item() ~= 3, 'get_weights gives copies')
  model:set_weights(saved)
  check.near(model.weights[1]:sum():item(), 3, 1e-6)
  check.raises(function() model:set_weights {saved[1]} end, 'expected 4 weight values, got 1')
  check.raises(function() hidden.name = 'x' end, "the field 'name' cannot be set")
end)

check.test('dropout only in training mode; layers called directly on tensors', function()
  local dropout = nn.Dropout(0.5)
  local x = tensor.ones(100, 10)
  check.equal(dropout(x):sum():item(), 1000)
  local dropped = dropout(x, {training = true})
  check.truthy(dropped:eq(0):sum():item() > 100, 'some units are dropped')
  local flatten = nn.Flatten()
  check.same(flatten(tensor.zeros(2, 3, 4)):size(), {2, 12})
  local dense = nn.Dense(3)
  nn.Sequential {nn.Input {784}, dense}
  local message = check.raises(function() dense(tensor.zeros(64, 28, 28, 1)) end, 'Flatten')
  check.truthy(message:find('(64, 28, 28, 1)', 1, true), message)
end)

check.done()
