-- The nn module's Keras path: layers by their Keras constructors, Sequential, summary, and
-- compile / fit / evaluate / predict by name, checked against Keras' own summary text and against
-- what training must achieve (XOR learnt; a small CNN well above chance on real MNIST digits).
local check = require 'support.check'
local nn = require 'nn'
local tensor = require 'tensor'
local data = require 'data'

--- The string field `key` of the Keras reference file (JSON), with its escapes undone.
local function keras_reference(key)
  local file = assert(io.open('Tests/NNFixtures/keras_models_reference.json', 'r'))
  local text = file:read('a')
  file:close()
  local escaped = assert(text:match('"' .. key .. '": "(.-[^\\])"'), key)
  local escapes = {n = '\n', ['"'] = '"', ['\\'] = '\\', t = '\t'}
  return (escaped:gsub('\\(.)', escapes))
end

check.test("the Keras docs' MNIST CNN written in Lua prints Keras 3's summary", function()
  nn.clear_session()
  local model = nn.Sequential {
    nn.Input {28, 28, 1},
    nn.Conv2D(32, 3, {padding = 'same', activation = 'relu'}), nn.MaxPooling2D(2),
    nn.Conv2D(64, {3, 3}, {padding = 'same', activation = 'relu'}), nn.MaxPool2D({2, 2}),
    nn.Conv2D(64, 3, {padding = 'same', activation = 'relu'}), nn.MaxPooling2D{pool_size = 2},
    nn.Flatten(),
    nn.Dense(128, {activation = 'relu'}),
    nn.Dense(10, {activation = 'softmax'}),
  }
  check.equal(model:count_params(), 130890)
  -- Keras made the reference on an 80-column console, where its table is 76 characters wide.
  check.equal(model:summary {as_text = true, line_length = 76}, keras_reference('summary_mnist_cnn'))
  check.equal(#model.layers, 9)
  check.equal(model.layers[1].name, 'conv2d')
  check.equal(model:layer(3).name, 'conv2d_1')
end)

check.test('an MLP learns XOR through fit', function()
  local x = tensor {{0, 0}, {0, 1}, {1, 0}, {1, 1}}
  local y = tensor {{0}, {1}, {1}, {0}}
  local model = nn.Sequential {nn.Input {2}, nn.Dense(16, {activation = 'tanh'}), nn.Dense(1, {activation = 'sigmoid'})}
  model:compile {optimizer = 'adam', loss = 'binary_crossentropy', metrics = {'accuracy'}}
  local history = model:fit(x, y, {epochs = 1000, batch_size = 4, verbose = 0, seed = 1})
  check.equal(#history.loss, 1000)
  check.truthy(history.loss[1000] < 0.2 and history.loss[1000] < history.loss[1], 'loss ' .. history.loss[1000])
  check.equal(history.accuracy[1000], 1)
  local p = model:predict(x, {verbose = 0})
  check.truthy(p[1][1] < 0.5 and p[2][1] > 0.5 and p[3][1] > 0.5 and p[4][1] < 0.5)
  local score = model:evaluate(x, y, {verbose = 0})
  check.equal(score.accuracy, 1)
  check.equal(score[1], score.loss)
  check.equal(score[2], score.accuracy)
end)

check.test('a small CNN trains on MNIST digits well above chance', function()
  local train, test = data.mnist {train_limit = 1200, test_limit = 400}
  local x = train.images:float():div(255):reshape {-1, 28, 28, 1}
  local y = data.one_hot(train.labels, 10)
  local model = nn.Sequential {
    nn.Input {28, 28, 1},
    nn.Conv2D(8, 3, {padding = 'same', activation = 'relu'}),
    nn.MaxPooling2D(2),
    nn.Conv2D(16, 3, {activation = 'relu', name = 'last_conv'}),
    nn.MaxPooling2D(2),
    nn.Flatten(),
    nn.Dense(10, {activation = 'softmax'}),
  }
  model:compile {optimizer = 'adam', loss = 'categorical_crossentropy', metrics = {'accuracy'}}
  local history = model:fit(x, y, {epochs = 3, batch_size = 32, validation_split = 0.1, verbose = 0, seed = 3})
  check.equal(#history.val_accuracy, 3)
  check.same(history.epoch, {0, 1, 2})
  check.equal(history.params.epochs, 3)
  check.truthy(history.loss[3] < history.loss[1], 'loss falls')
  local tx = test.images:float():div(255):reshape {-1, 28, 28, 1}
  local score = model:evaluate(tx, data.one_hot(test.labels, 10), {verbose = 0, return_dict = true})
  check.truthy(score.accuracy > 0.7, 'test accuracy ' .. score.accuracy)
  check.equal(score[1], nil)
  local probabilities = model:predict(tx, {batch_size = 100, verbose = 0})
  check.same(probabilities:size(), {400, 10})
  check.near(probabilities:sum():item() / 400, 1, 1e-4)
end)

check.test('a loss given as a Lua function trains like the named one', function()
  local x = tensor.linspace(-1, 1, 64):reshape {64, 1}
  local y = x * 3 + 0.5
  local model = nn.Sequential {nn.Input {1}, nn.Dense(1)}
  local calls = 0
  model:compile {optimizer = 'adam', loss = function(y_true, y_pred)
    calls = calls + 1
    return ((y_true - y_pred) ^ 2):mean()
  end}
  local history = model:fit(x, y, {epochs = 5, batch_size = 16, verbose = 0})
  check.equal(calls, 5 * 4)
  check.truthy(history.loss[5] < history.loss[1])
  -- Without metrics evaluate gives the loss itself, as Keras.
  check.equal(type(model:evaluate(x, y, {verbose = 0})), 'number')
end)

check.test('metrics given as Lua functions are logged under their names', function()
  local x = tensor.linspace(-1, 1, 32):reshape {32, 1}
  local model = nn.Sequential {nn.Input {1}, nn.Dense(1)}
  model:compile {optimizer = 'sgd', loss = 'mse', metrics = {'mae', twice_mae = function(y_true, y_pred)
    return (y_true - y_pred):abs() * 2
  end}}
  local history = model:fit(x, x * 3, {epochs = 2, batch_size = 8, verbose = 0, validation_data = {x, x * 3}})
  for epoch = 1, 2 do
    check.near(history.twice_mae[epoch], 2 * history.mae[epoch], 1e-5)
    check.near(history.val_twice_mae[epoch], 2 * history.val_mae[epoch], 1e-5)
  end
  local score = model:evaluate(x, x * 3, {verbose = 0})
  check.same({score[1], score[2], score[3]}, {score.loss, score.mae, score.twice_mae})
end)

check.done()
