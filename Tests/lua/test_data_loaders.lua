-- The built-in data sets through the `data` module: the embedded subsets always (counts and label
-- histograms as data/README.md gives them, printed there by the script that cut the subsets), the
-- full sets when the shared data folder is beside the checkout or LUNETTE_DATA names it (the
-- well-known MNIST and Fashion-MNIST counts, the UCR split of ECG5000).
local check = require 'support.check'
local probe = require 'support.probe'
local data = require 'data'

local embedded = probe.root() .. '/data'
local shared = probe.shared_data()

local function histogram(labels, classes)
  local counts, by_value = {}, probe.histogram(labels)
  for class = 0, classes - 1 do counts[#counts + 1] = by_value[class] or 0 end
  return counts
end

local function ends_with(text, suffix) return text:sub(-#suffix) == suffix end

check.test('mnist: embedded subset, uint8 images and int64 labels', function()
  local train, test = data.mnist{path = embedded}
  check.equal(probe.shape_text(train.images), '(10000, 28, 28)')
  check.equal(probe.dtype(train.images), 'uint8')
  check.equal(probe.dtype(train.labels), 'int64')
  check.equal(probe.shape_text(test.images), '(2000, 28, 28)')
  check.equal(train.count, 10000)
  check.same(histogram(train.labels, 10), {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978})
  check.same(histogram(test.labels, 10), {175, 234, 219, 207, 217, 179, 178, 205, 192, 194})
  check.truthy(ends_with(train.source, '/data/mnist'), train.source)
  check.equal(train.class_names[6], '5')
end)

check.test('mnist: the first digits and pixels of the training file', function()
  local train = data.mnist{path = embedded, limit = 5}
  -- The first five training labels of MNIST are 5, 0, 4, 1, 9.
  check.same(probe.values(train.labels), {5, 0, 4, 1, 9})
  local pixels = probe.values(train.images)
  check.equal(#pixels, 5 * 784)
  local largest, sum = 0, 0
  for _, value in ipairs(pixels) do largest = math.max(largest, value); sum = sum + value end
  check.equal(largest, 255)
  check.truthy(sum > 0)
  local _, test = data.mnist{path = embedded, train_limit = 2, test_limit = 3}
  check.equal(probe.shape_text(test.images), '(3, 28, 28)')
end)

check.test('fashion_mnist: embedded subset with class names', function()
  local train, test = data.fashion_mnist{path = embedded .. '/fashion-mnist'}
  check.same(histogram(train.labels, 10), {942, 1027, 1016, 1019, 974, 989, 1021, 1022, 990, 1000})
  check.same(histogram(test.labels, 10), {200, 203, 214, 190, 219, 195, 197, 200, 194, 188})
  check.equal(train.class_names[1], 'T-shirt/top')
  check.equal(train.class_names[10], 'Ankle boot')
end)

check.test('ecg5000: UCR split, classes 1-5 and normal = 1 / abnormal = 0', function()
  local train, test = data.ecg5000{path = embedded}
  check.equal(probe.shape_text(train.x), '(500, 140)')
  check.equal(probe.shape_text(test.x), '(4500, 140)')
  check.equal(probe.dtype(train.x), 'float32')
  local classes = {0, 0, 0, 0, 0}
  for _, part in ipairs({train, test}) do
    local counts = probe.histogram(part.classes)
    for class = 1, 5 do classes[class] = classes[class] + (counts[class] or 0) end
    local labels, normal = probe.values(part.classes), probe.values(part.normal)
    for i = 1, #labels do check.equal(normal[i], labels[i] == 1 and 1 or 0) end
  end
  check.same(classes, {2919, 1767, 96, 194, 24})
  -- The first training beat starts -0.11252183, -2.8272038 (the file's first row).
  local first = probe.values(train.x)
  check.near(first[1], -0.11252183, 1e-6)
  check.near(first[2], -2.8272038, 1e-6)
  local all = data.ecg5000{path = embedded, pool = true}
  check.equal(all.count, 5000)
  check.equal(probe.shape_text(all.classes), '(5000)')
  check.same(probe.values(all.classes)[501], probe.values(test.classes)[1])
end)

check.test('reuters: ModApte texts with grain and corn labels, and the tm stories', function()
  local train, test, stories = data.reuters{path = embedded}
  check.equal(train.count, 1554)
  check.equal(#train.texts, 1554)
  check.equal(test.count, 604)
  check.truthy(train.texts[1]:find('^BAHIA COCOA REVIEW'), train.texts[1]:sub(1, 40))
  check.same(probe.values(train.labels), probe.values(train.grain))
  local _, corn_test = data.reuters{path = embedded, label = 'corn'}
  check.same(probe.values(corn_test.labels), probe.values(corn_test.corn))
  -- Corn stories are also grain stories in ModApte.
  local grain, corn = probe.values(test.grain), probe.values(test.corn)
  for i = 1, #corn do if corn[i] == 1 then check.equal(grain[i], 1, 'story ' .. i) end end
  check.equal(stories.count, 80)
  check.equal(#stories.titles, 80)
  local topics = {}
  for _, list in ipairs(stories.topics) do for _, topic in ipairs(list) do topics[topic] = (topics[topic] or 0) + 1 end end
  check.truthy(topics.acq >= 50 and topics.crude >= 20, 'acq and crude stories')
  check.truthy(stories.splits[1] == 'train' or stories.splits[1] == 'test' or stories.splits[1] == 'unused')
end)

check.test('ecg_record, images and faces', function()
  local record = data.ecg_record{path = embedded}
  check.equal(probe.shape_text(record.signal), '(108000)')
  check.equal(record.rate, 360)
  check.near(probe.values(record.signal)[1], -0.245, 1e-6)
  local photos = data.images{path = embedded}
  check.same(photos.names, {'astronaut', 'baboon', 'chelsea', 'coffee', 'flower', 'fruits', 'happyfish', 'smarties'})
  check.equal(#photos.images, 8)
  check.equal(photos.by_name.astronaut, photos.images[1])
  for i, photo in ipairs(photos.images) do
    local shape = probe.shape(photo)
    check.equal(#shape, 3)
    check.equal(shape[3], 3, photos.names[i])
    check.equal(math.max(shape[1], shape[2]), 256, photos.names[i])
  end
  check.equal(probe.dtype(data.images{path = embedded, dtype = 'uint8'}.images[1]), 'uint8')
  local faces = data.faces{path = embedded}
  check.equal(probe.shape_text(faces.images), '(200, 25, 25, 1)')
  check.same(histogram(faces.labels, 2), {100, 100})
  check.same(faces.class_names, {'face', 'other'})
end)

check.test('without a path: LUNETTE_DATA first, else the embedded data', function()
  local train = data.mnist{limit = 1}
  local variable = os.getenv('LUNETTE_DATA')
  if variable and variable ~= '' and io.open(variable .. '/mnist') then
    check.equal(train.source, variable .. '/mnist')
  else
    check.truthy(ends_with(train.source, '/data/mnist'), train.source)
  end
  check.raises(function() data.mnist{path = '/no/such/folder'} end, '/no/such/folder')
  check.raises(function() data.reuters{label = 'wheat'} end, "option 'label' must be one of 'grain', 'corn'")
  check.raises(function() data.mnist{limt = 3} end, "unknown option 'limt'")
end)

if shared then
  check.test('full MNIST and Fashion-MNIST from the shared data', function()
    local train, test = data.mnist{path = shared}
    check.equal(probe.shape_text(train.images), '(60000, 28, 28)')
    check.equal(probe.shape_text(test.images), '(10000, 28, 28)')
    check.same(histogram(train.labels, 10), {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949})
    check.same(histogram(test.labels, 10), {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009})
    local fashion_train, fashion_test = data.fashion_mnist{path = shared}
    check.same(histogram(fashion_train.labels, 10), {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000})
    check.same(histogram(fashion_test.labels, 10), {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000})
  end)

  check.test('full ECG5000, Reuters, images and faces from the shared data', function()
    local train, test = data.ecg5000{path = shared}
    check.equal(probe.shape_text(train.x), '(500, 140)')
    check.equal(probe.shape_text(test.x), '(4500, 140)')
    local r_train, r_test = data.reuters{path = shared}
    check.equal(r_train.count + r_test.count, 1554 + 604)
    local photos = data.images{path = shared}
    check.equal(#photos.images, 25)
    check.equal(data.faces{path = shared}.count, 200)
    check.equal(probe.shape_text(data.ecg_record{path = shared}.signal), '(108000)')
  end)
else
  print('skip full data sets: no shared data beside the checkout and LUNETTE_DATA not set')
end

check.done()
