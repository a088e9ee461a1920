-- Labels as real files give them: tensor.unique, data.LabelEncoder, one_hot of whole-number floats,
-- binary targets outside [0, 1], validation_split on rows sorted by label, float32 overflow; and the
-- reductions' common argument order and how shapes print.
local check = require 'support.check'
local tensor = require 'tensor'
local data = require 'data'
local nn = require 'nn'
local scratch = require('support.scratch').new()
os.execute('mkdir -p ' .. scratch.folder)

check.test('tensor.unique gives sorted values, positions of each element among them, and counts', function()
  local values, inverse, counts = tensor {3, 1, 3, 2, 3}:unique()
  check.same(values:totable(), {1, 2, 3})
  check.equal(values:dtype(), 'float32')
  check.same(inverse:totable(), {3, 1, 3, 2, 3})   -- 1-based positions, as argmax and sort give
  check.same(counts:totable(), {1, 1, 3})
  check.equal(counts:dtype(), 'int64')
  local v, i, c = tensor.unique(tensor({{5, -1}, {5, 5}}, {dtype = 'int64'}))
  check.same(v:totable(), {-1, 5})
  check.same(i:totable(), {{2, 1}, {2, 2}})          -- the shape of the input
  check.same(c:totable(), {1, 3})
  check.same(v:index_select(1, i:view(-1)):totable(), {5, -1, 5, 5}, nil, 'values[inverse] rebuilds the input')
  local empty = tensor.zeros(0):unique()
  check.equal(empty:numel(), 0)
end)

check.test('data.LabelEncoder maps labels to class ids from 0 in sorted order, and back', function()
  local encoder = data.LabelEncoder()
  check.equal(encoder.fitted, false)
  local ids = encoder:fit_transform(tensor {-1, 1, 1, -1, 1})   -- ECG200's labels
  check.same(ids:totable(), {0, 1, 1, 0, 1})
  check.equal(ids:dtype(), 'int64')
  check.same(encoder.classes:totable(), {-1, 1})
  check.same(encoder:inverse_transform(tensor({1, 0}, {dtype = 'int64'})):totable(), {1, -1})
  local words = data.LabelEncoder():fit {'dog', 'cat', 'dog', 'emu'}
  check.same(words.classes, {'cat', 'dog', 'emu'})
  check.same(words:transform {'emu', 'cat'}:totable(), {2, 0})
  check.same(words:inverse_transform {0, 2}, {'cat', 'emu'})
  check.raises(function() words:transform {'bird'} end,
    "LabelEncoder:transform: label 'bird' at position 1 was not seen by fit (classes: 'cat', 'dog', 'emu')")
  check.raises(function() words:inverse_transform {3} end, 'class id 3 at position 1 is outside 0...2')
  check.raises(function() data.LabelEncoder():fit {1, 'a'} end, 'labels mix numbers and strings')
  check.raises(function() data.LabelEncoder():transform {1} end, 'call fit before transform')
end)

check.test('one_hot and to_categorical take whole-number floats, as read_csv gives labels', function()
  check.same(data.one_hot(tensor {0, 2, 1}, 3):totable(), {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}})
  check.same(data.to_categorical(tensor {1, 0}):totable(), {{0, 1}, {1, 0}})
  check.raises(function() data.one_hot(tensor {0, 1.5}) end,
    'data.one_hot: argument #1 must hold class ids (whole numbers), got 1.5; map the labels to 0, 1, ... first (data.LabelEncoder)')
end)

local function binary_model(metrics)
  local model = nn.Sequential {nn.Input {2}, nn.Dense(1, {activation = 'sigmoid'})}
  model:compile {optimizer = 'adam', loss = 'binary_crossentropy', metrics = metrics}
  return model
end

check.test('binary cross-entropy and the binary metrics refuse targets outside [0, 1], naming them', function()
  local x = tensor.rand(6, 2)
  local y = tensor {-1, 1, 1, -1, 1, -1}:view(6, 1)
  local message = check.raises(function() binary_model():fit(x, y, {epochs = 1, verbose = 0}) end,
    'binary_crossentropy: targets must lie in [0, 1] (the probability of class 1), found -1; map the labels to 0 and 1 first: (y + 1) / 2 for -1/1 labels, or data.LabelEncoder():fit_transform(y) for any two labels')
  check.truthy(message:find('test_labels.lua:%d+:'), message)
  check.raises(function() nn.losses.binary_crossentropy(tensor {{1}, {2}, {3}}, tensor {{0.5}, {0.5}, {0.5}}) end,
    'found 2, 3;')
  for _, metric in ipairs {'binary_accuracy', 'accuracy', 'precision', 'recall'} do
    check.raises(function() nn.metrics[metric](tensor {{-1}, {1}}, tensor {{0.2}, {0.9}}) end, 'targets must lie in [0, 1]')
  end
  -- Soft targets and 0/1 labels train as before.
  binary_model {'accuracy'}:fit(x, (y + 1) / 2, {epochs = 1, verbose = 0})
  binary_model():fit(x, tensor.rand(6, 1), {epochs = 1, verbose = 0})
end)

--- What a child lunette prints running `source` (its output a pipe).
local function run_child(source)
  local script = scratch:path('child.lua')
  local file = assert(io.open(script, 'w'))
  file:write(source)
  file:close()
  local pipe = assert(io.popen('"/proc/$PPID/exe" run ' .. script .. ' 2>&1'))
  local output = pipe:read('a')
  pipe:close()
  return output
end

check.test('fit warns once when validation_split holds out rows of a single label', function()
  local output = run_child [[
    local nn, tensor = require 'nn', require 'tensor'
    local model = nn.Sequential {nn.Input {2}, nn.Dense(3, {activation = 'softmax'})}
    model:compile {optimizer = 'adam', loss = 'sparse_categorical_crossentropy', metrics = {'accuracy'}}
    local sorted = tensor({0, 0, 0, 0, 1, 1, 1, 2, 2, 2}, {dtype = 'int64'})
    model:fit(tensor.rand(10, 2), sorted, {epochs = 3, verbose = 0, validation_split = 0.2})
    print('mixed')
    local mixed = tensor({0, 1, 2, 0, 1, 2, 0, 1, 2, 0}, {dtype = 'int64'})
    model:fit(tensor.rand(10, 2), mixed, {epochs = 1, verbose = 0, validation_split = 0.3})
    local onehot = nn.Sequential {nn.Input {2}, nn.Dense(2, {activation = 'softmax'})}
    onehot:compile {optimizer = 'adam', loss = 'categorical_crossentropy'}
    onehot:fit(tensor.rand(5, 2), tensor {{1, 0}, {1, 0}, {0, 1}, {0, 1}, {0, 1}}, {epochs = 1, verbose = 0, validation_split = 0.4})
    -- Two regression outputs are no one-hot rows, whatever their arg-max: no warning.
    local regression = nn.Sequential {nn.Input {2}, nn.Dense(2)}
    regression:compile {optimizer = 'adam', loss = 'mse'}
    local y = tensor {{5, 1}, {1, 5}, {5, 1}, {1, 5}, {1, 5}, {1, 5}}
    regression:fit(tensor.rand(6, 2), y, {epochs = 1, verbose = 0, validation_split = 0.5})
  ]]
  local before, after = output:match('^(.*)mixed\n(.*)$')
  check.truthy(before, output)
  local warning = 'Warning: the 2 rows held out by validation_split = 0.2 (the last rows, as in Keras) all have the label 2, while the training rows have 3 labels; the data look sorted by label, so validation measures one class only. Shuffle the rows before fit (data.shuffle(x, y)), or split with data.train_test_split.\n'
  check.equal(before, warning, 'one warning for three epochs')
  check.truthy(after:find('the 2 rows held out by validation_split = 0.4 (the last rows, as in Keras) all have the label 1', 1, true), after)
  check.equal(select(2, output:gsub('Warning', '')), 2, output)
end)

check.test('building a float32 tensor from Lua numbers beyond its range is an error naming position and value', function()
  check.raises(function() tensor {{1, 2}, {3, 1e39}} end,
    'argument #1 element 2 element 2 is 1e+39, beyond the range of float32 (about ±3.4e38)')
  check.raises(function() tensor.tensor(-4e38) end, 'argument #1 is -4e+38, beyond the range of float32')
  check.equal(tensor {math.huge}[1], math.huge, 'an infinity given as such stays')
  -- Filling with one number is building from Lua numbers too; int64 tensors take what fits them.
  check.raises(function() tensor.full({2, 2}, 1e39) end, 'argument #2 is 1e+39, beyond the range of float32')
  check.raises(function() tensor.full_like(tensor.zeros(3), -1e39) end, 'argument #2 is -1e+39, beyond the range of float32')
  check.raises(function() tensor.zeros(3):fill_(5e38) end, 'beyond the range of float32')
  check.equal(tensor.full({2}, -math.huge)[1], -math.huge, 'an infinity given as such stays')
  check.equal(tensor.full({1}, 1e18, {dtype = 'int64'})[1], 1e18)
end)

check.test('var and std take (dims, keepdim) like mean and sum, with unbiased in an options table', function()
  local z = tensor {{1, 2}, {3, 5}}
  check.same(z:var(1, true):shape(), {1, 2}, nil, 'the second argument is keepdim, as for mean')
  check.same(z:mean(1, true):shape(), z:var(1, true):shape())
  check.same(z:var(1):totable(), {2, 4.5}, 1e-6)              -- unbiased by default: (1-3)²/2... / (n - 1)
  check.same(z:var(1, false, {unbiased = false}):totable(), {1, 2.25}, 1e-6)
  check.same(z:std(2, true, {unbiased = false}):totable(), {{0.5}, {1}}, 1e-6)
  check.near(z:std {unbiased = false}:item(), math.sqrt(35 / 16), 1e-6)   -- mean 2.75, squares 8.75 / 4
  check.raises(function() z:var(1, true, false) end, 'a table of options')
  check.raises(function() z:std(1, true, {unbaised = false}) end, "unknown option 'unbaised'")
end)

check.test('shapes print as (64, 28, 28, 1) and stay lists', function()
  local shape = tensor.zeros(64, 28, 28, 1):shape()
  check.equal(tostring(shape), '(64, 28, 28, 1)')
  check.equal(#shape, 4)
  check.equal(shape[2], 28)
  check.equal(tostring(tensor.zeros(3):size()), '(3)')
  check.equal(tostring(tensor.tensor(1):shape()), '()')
end)

scratch:remove()
check.done()
