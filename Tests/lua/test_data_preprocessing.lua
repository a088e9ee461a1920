-- Preprocessing through the `data` module: expected values worked out by hand (or quoted from Keras'
-- and scikit-learn's documentation), split proportions, seeded reproducibility.
local check = require 'support.check'
local probe = require 'support.probe'
local data = require 'data'

local function range(first, last)
  local values = {}
  for i = first, last do values[#values + 1] = i end
  return values
end

local function sorted(values)
  local copy = {table.unpack(values)}
  table.sort(copy)
  return copy
end

-- x has 2 columns holding 10 y and 10 y + 1 for row label y, so pairs can be checked after splits.
local function paired_data(n)
  local x, y = {}, {}
  for i = 0, n - 1 do
    x[#x + 1], x[#x + 2] = 10 * i, 10 * i + 1
    y[#y + 1] = i
  end
  return probe.tensor(x, {n, 2}), probe.tensor(y, {n}, 'int64')
end

local function check_pairs(x, y)
  local xs, ys = probe.values(x), probe.values(y)
  check.equal(#xs, 2 * #ys)
  for i, label in ipairs(ys) do
    check.equal(xs[2 * i - 1], 10 * label)
    check.equal(xs[2 * i], 10 * label + 1)
  end
end

check.test('one_hot / to_categorical: class ids are 0-based as in Keras', function()
  local hot = data.one_hot(probe.tensor({0, 2, 1}, {3}, 'int64'), 3)
  check.equal(probe.dtype(hot), 'float32')
  check.same(probe.shape(hot), {3, 3})
  check.same(probe.values(hot), {1, 0, 0, 0, 0, 1, 0, 1, 0})
  check.same(probe.values(data.to_categorical({1, 0})), {0, 1, 1, 0}, nil, 'a list; classes = largest + 1')
  local train = data.mnist{path = probe.root() .. '/data', limit = 20}
  local rows, labels = probe.values(data.one_hot(train.labels, 10)), probe.values(train.labels)
  for i, label in ipairs(labels) do
    for class = 0, 9 do check.equal(rows[(i - 1) * 10 + class + 1], class == label and 1 or 0) end
  end
  check.raises(function() data.one_hot({0, 3}, 3) end, 'label 3 out of range for 3 classes')
  check.raises(function() data.one_hot(probe.tensor({0.5}), 2) end, 'must hold class ids (whole numbers), got 0.5')
  check.same(data.one_hot(probe.tensor({1, 0}), 2):totable(), {{0, 1}, {1, 0}}, nil, 'whole-number floats are class ids')
end)

check.test('train_test_split: sizes, pairs kept together, rows covered once', function()
  local x, y = paired_data(100)
  local x_train, x_test, y_train, y_test = data.train_test_split(x, y, {test_size = 0.25, seed = 1})
  check.same(probe.shape(x_train), {75, 2})
  check.same(probe.shape(x_test), {25, 2})
  check_pairs(x_train, y_train)
  check_pairs(x_test, y_test)
  local all = probe.values(y_train)
  for _, label in ipairs(probe.values(y_test)) do all[#all + 1] = label end
  check.same(sorted(all), range(0, 99))
  check.truthy(table.concat(probe.values(y_test), ',') ~= table.concat(range(75, 99), ','), 'shuffled')
  -- ceil(10 x 0.3) = 3 test rows (scikit-learn rounds the test part up); a count gives that many.
  local small_x, small_y = paired_data(10)
  local _, test_3 = data.train_test_split(small_x, {test_size = 0.3, seed = 2})
  check.equal(probe.shape(test_3)[1], 3)
  local _, test_4 = data.train_test_split(small_x, {test_size = 4, seed = 2})
  check.equal(probe.shape(test_4)[1], 4)
  local train_6 = data.train_test_split(small_x, {train_size = 0.65, seed = 2})
  check.equal(probe.shape(train_6)[1], 6, 'floor(10 x 0.65) train rows')
  -- shuffle = false keeps the order, the test rows last
  local _, _, kept_train, kept_test = data.train_test_split(small_x, small_y, {test_size = 0.2, shuffle = false})
  check.same(probe.values(kept_train), range(0, 7))
  check.same(probe.values(kept_test), {8, 9})
end)

check.test('train_test_split: Lua lists split like tensors', function()
  local texts, labels = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}, probe.tensor(range(1, 8), {8}, 'int64')
  local t_train, t_test, l_train, l_test = data.train_test_split(texts, labels, {test_size = 0.25, seed = 3})
  check.equal(#t_train, 6)
  check.equal(#t_test, 2)
  for i, label in ipairs(probe.values(l_test)) do check.equal(t_test[i], texts[label]) end
  for i, label in ipairs(probe.values(l_train)) do check.equal(t_train[i], texts[label]) end
end)

check.test('train_test_split: many arrays give all their parts', function()
  -- 30 results, more than the 20 stack slots a Lua C function may use without asking
  local arguments = {}
  for i = 1, 15 do arguments[i] = probe.tensor({i, i, i, i}, {4}) end
  arguments[16] = {test_size = 1, seed = 1}
  local results = {data.train_test_split(table.unpack(arguments))}
  check.equal(#results, 30)
  check.same(probe.values(results[29]), {15, 15, 15})
  check.same(probe.values(results[30]), {15})
end)

check.test('train_test_split: stratified proportions', function()
  -- 60 of class 0, 30 of class 1, 10 of class 2; 20 % test gives 12, 6 and 2.
  local labels = {}
  for i = 1, 100 do labels[i] = i <= 60 and 0 or i <= 90 and 1 or 2 end
  local y = probe.tensor(labels, {100}, 'int64')
  local _, y_test = data.train_test_split(y, {test_size = 0.2, stratify = y, seed = 4})
  local counts = probe.histogram(y_test)
  check.same({counts[0], counts[1], counts[2]}, {12, 6, 2})
  local _, list_test = data.train_test_split(y, {test_size = 0.2, stratify = labels, seed = 9})
  counts = probe.histogram(list_test)
  check.same({counts[0], counts[1], counts[2]}, {12, 6, 2})
  -- ECG5000's rare classes keep their share: 5 % of 5,000 beats stratified by class
  local all = data.ecg5000{path = probe.root() .. '/data', pool = true}
  local _, _, _, classes_test = data.train_test_split(all.x, all.classes, {test_size = 0.05, stratify = all.classes, seed = 1})
  counts = probe.histogram(classes_test)
  check.same({counts[1], counts[2], counts[3], counts[4], counts[5]}, {146, 88, 5, 10, 1})
end)

check.test('train_test_split and shuffle: a seed fixes the order', function()
  local x, y = paired_data(30)
  local a = probe.values(select(4, data.train_test_split(x, y, {seed = 7})))
  local b = probe.values(select(4, data.train_test_split(x, y, {seed = 7})))
  local c = probe.values(select(4, data.train_test_split(x, y, {seed = 8})))
  check.same(a, b)
  check.truthy(table.concat(a, ',') ~= table.concat(c, ','))
  local unseeded_1 = probe.values(select(4, data.train_test_split(x, y)))
  local unseeded_2 = probe.values(select(4, data.train_test_split(x, y)))
  check.truthy(table.concat(unseeded_1, ',') ~= table.concat(unseeded_2, ','), 'without a seed, each call draws a new order')
  local sx, sy = data.shuffle(x, y, {seed = 5})
  check_pairs(sx, sy)
  check.same(sorted(probe.values(sy)), range(0, 29))
  check.same(probe.values(select(2, data.shuffle(x, y, {seed = 5}))), probe.values(sy))
  check.raises(function() data.train_test_split(x, paired_data(29)) end, 'array 2 has 29 rows but array 1 has 30')
  check.raises(function() data.train_test_split(x, {test_size = 1.5}) end, "data.train_test_split: test_size must be a fraction between 0 and 1 or a number of rows from 1 to")
  check.raises(function() data.train_test_split(x, {test_size = 0.2, train_size = 0.5}) end, 'not both')
end)

check.test('batches: sizes, pairs, shuffled cover, drop_last', function()
  local x, y = paired_data(10)
  local sizes, seen = {}, {}
  local batches = data.batches(x, y, {batch_size = 4, shuffle = false})
  check.equal(#batches, 3)
  for xb, yb in batches do
    sizes[#sizes + 1] = probe.shape(xb)[1]
    check_pairs(xb, yb)
    for _, label in ipairs(probe.values(yb)) do seen[#seen + 1] = label end
  end
  check.same(sizes, {4, 4, 2})
  check.same(seen, range(0, 9))
  seen = {}
  for xb, yb in data.batches(x, y, {batch_size = 3, seed = 2}) do
    check_pairs(xb, yb)
    for _, label in ipairs(probe.values(yb)) do seen[#seen + 1] = label end
  end
  check.truthy(table.concat(seen, ',') ~= table.concat(range(0, 9), ','), 'shuffled by default')
  check.same(sorted(seen), range(0, 9))
  local count = 0
  for xb in data.batches(x, {batch_size = 4, drop_last = true}) do count = count + 1 end
  check.equal(count, 2)
  check.raises(function() data.batches({'a', 'b'}, {batch_size = 1}) end, 'must be a tensor')
  check.raises(function() data.batches(x, {batch_size = 0}) end, 'batch_size must be 1 or more')
end)

check.test('k_fold: every row tested once, positions 1-based', function()
  local folds = data.k_fold(10, {k = 3, shuffle = false})
  check.equal(#folds, 3)
  check.same(probe.values(folds[1].test), {1, 2, 3, 4})
  check.same(probe.values(folds[2].test), {5, 6, 7})
  check.same(probe.values(folds[2].train), {1, 2, 3, 4, 8, 9, 10})
end)

check.test('standardize and StandardScaler: fit on train, apply to test', function()
  -- Columns (1, 3) and (2, 6): means 2 and 4, population standard deviations 1 and 2.
  local train = probe.tensor({1, 2, 3, 6}, {2, 2})
  local scaled, scaler = data.standardize(train)
  check.same(probe.values(scaled), {-1, -1, 1, 1})
  check.same(probe.values(scaler.mean), {2, 4})
  check.same(probe.values(scaler.std), {1, 2})
  local test = probe.tensor({5, 0, 2, 4}, {2, 2})
  check.same(probe.values(scaler:transform(test)), {3, -2, 0, 0})
  check.same(probe.values(scaler:inverse_transform(scaler:transform(test))), {5, 0, 2, 4}, 1e-6)
  local fresh = data.StandardScaler()
  check.equal(fresh.mean, nil)
  check.equal(fresh:fit(train), fresh, 'fit returns the scaler')
  check.same(probe.values(fresh:fit_transform(train)), {-1, -1, 1, 1})
  local overall = data.StandardScaler{axis = {}}
  overall:fit(train)
  check.equal(probe.values(overall.mean)[1], 3)
  check.raises(function() data.StandardScaler():transform(test) end, 'call fit')
  check.raises(function() scaler:transform(probe.tensor({1, 2, 3}, {1, 3})) end, 'fitted on shape (*, 2)')
  check.raises(function() data.StandardScaler{axis = 0} end, 'dimensions count from 1')
end)

check.test('MinMaxScaler and min_max_scale', function()
  local train = probe.tensor({0, 10, 4, 20, 2, 30}, {3, 2})
  local scaled, scaler = data.min_max_scale(train, {feature_range = {-1, 1}})
  check.same(probe.values(scaled), {-1, -1, 1, 0, 0, 1})
  check.same(probe.values(scaler.min), {0, 10})
  check.same(probe.values(scaler.max), {4, 30})
  local unit = data.MinMaxScaler()
  check.same(probe.values(unit:fit_transform(train)), {0, 0, 1, 0.5, 0.5, 1})
  check.raises(function() data.MinMaxScaler{feature_range = {1, 1}} end, 'low < high')
end)

check.test('normalize: each row divided by its L2 norm', function()
  check.same(probe.values(data.normalize(probe.tensor({3, 4, 0, 0}, {2, 2}))), {0.6, 0.8, 0, 0}, 1e-6)
  check.same(probe.values(data.normalize(probe.tensor({3, 1, 0, 1}, {2, 2}), {axis = 1, order = 1})), {1, 0.5, 0, 0.5}, 1e-6)
end)

check.test('sliding_windows: inputs and targets by hand', function()
  local series = probe.tensor(range(0, 9))
  local inputs, targets = data.sliding_windows(series, {window = 3, horizon = 2, stride = 2})
  -- pairs start at steps 0, 2, 4 (a start at 6 would need steps up to 10)
  check.same(probe.shape(inputs), {3, 3})
  check.same(probe.values(inputs), {0, 1, 2, 2, 3, 4, 4, 5, 6})
  check.same(probe.values(targets), {3, 4, 5, 6, 7, 8})
  local channels = probe.tensor({0, 10, 1, 11, 2, 12, 3, 13}, {4, 2})
  local x, y = data.sliding_windows(channels, {window = 2})
  check.same(probe.shape(x), {2, 2, 2})
  check.same(probe.values(y), {2, 12, 3, 13})
  local u, out = probe.tensor(range(0, 5)), probe.tensor(range(100, 105))
  local narx_x, narx_y = data.sliding_windows(u, {window = 2, targets = out})
  check.same(probe.values(narx_x), {0, 1, 1, 2, 2, 3, 3, 4})
  check.same(probe.values(narx_y), {102, 103, 104, 105})
  local record = data.ecg_record{path = probe.root() .. '/data'}
  local beats = data.sliding_windows(record.signal, {window = 360, horizon = 36, stride = 180})
  check.same(probe.shape(beats), {(108000 - 396) // 180 + 1, 360})
  check.raises(function() data.sliding_windows(series, {window = 10}) end, 'too short for window 10 + horizon 1')
  check.raises(function() data.sliding_windows(series, {}) end, "option 'window' is required")
end)

check.test("pad_sequences: Keras' documented examples", function()
  local sequence = {{1}, {2, 3}, {4, 5, 6}}
  check.same(probe.values(data.pad_sequences(sequence)), {0, 0, 1, 0, 2, 3, 4, 5, 6})
  check.same(probe.values(data.pad_sequences(sequence, {value = -1})), {-1, -1, 1, -1, 2, 3, 4, 5, 6})
  check.same(probe.values(data.pad_sequences(sequence, {padding = 'post'})), {1, 0, 0, 2, 3, 0, 4, 5, 6})
  check.same(probe.values(data.pad_sequences(sequence, {maxlen = 2})), {0, 1, 2, 3, 5, 6})
  check.same(probe.values(data.pad_sequences(sequence, {maxlen = 2, truncating = 'post'})), {0, 1, 2, 3, 4, 5})
  local padded = data.pad_sequences(sequence, {maxlen = 4})
  check.equal(probe.dtype(padded), 'int64')
  check.same(probe.shape(padded), {3, 4})
  local tensors = {probe.tensor({7, 8}, {2}, 'int64'), probe.tensor({9}, {1}, 'int64')}
  check.same(probe.values(data.pad_sequences(tensors)), {7, 8, 0, 9})
  local reals = data.pad_sequences({{0.5}, {1.5, 2.5}}, {dtype = 'float32', value = 0.25, padding = 'post'})
  check.same(probe.values(reals), {0.5, 0.25, 1.5, 2.5})
  check.raises(function() data.pad_sequences({{0.5}}) end, "use dtype = 'float32'")
  check.raises(function() data.pad_sequences(sequence, {padding = 'middle'}) end, "option 'padding' must be one of 'pre', 'post'")
end)

check.done()
