-- Lunette's side of bench/compare: one training (or inference) workload on seeded synthetic data,
-- written as a user writes it (Sequential, compile, fit / predict). bench/python/workloads_torch.py and
-- workloads_keras.py do the same work; the shapes and the timing rule are shared with them:
--   lunette run bench/lua/workloads.lua NAME [BUDGET_SECONDS]
-- One warm-up epoch, one epoch to estimate the speed, then one timed fit (or predict) of as many epochs
-- as fill BUDGET_SECONDS (default 3). Prints one line: samples_per_s=... seconds=... samples=...
-- NAME 'sgemm' times 2048x2048 float32 products instead and prints gflops=...
local tensor, nn = require 'tensor', require 'nn'

local name, budget = arg[1], tonumber(arg[2] or '3')

-- Wall-clock seconds (os.clock would count the CPU time of both cores).
local now = require('lunette').clock

if name == 'sgemm' then
  local n = 2048
  local a, b = tensor.rand(n, n), tensor.rand(n, n)
  a:matmul(b)
  local best = math.huge
  for _ = 1, 5 do
    local start = now()
    for _ = 1, 4 do a:matmul(b) end
    best = math.min(best, (now() - start) / 4)
  end
  print(string.format('gflops=%.2f', 2 * n ^ 3 / best / 1e9))
  return
end

tensor.manual_seed(1)

local function same(filters, kernel, activation)
  return nn.Conv2D(filters, kernel, {padding = 'same', activation = activation})
end

local function mnist_cnn()
  return nn.Sequential {
    nn.Input {28, 28, 1},
    same(32, 3, 'relu'), nn.MaxPooling2D(2),
    same(64, 3, 'relu'), nn.MaxPooling2D(2),
    same(64, 3, 'relu'), nn.MaxPooling2D(2),
    nn.Flatten(),
    nn.Dense(128, {activation = 'relu'}),
    nn.Dense(10, {activation = 'softmax'}),
  }
end

-- Each workload: the model, its loss, batch size, and a dataset of `count` rows (one epoch).
local workloads = {
  mnist_cnn = function()
    return mnist_cnn(), 'categorical_crossentropy', 64,
           tensor.rand(1280, 28, 28, 1), tensor.one_hot(tensor.randint(0, 10, {1280}), 10):float()
  end,
  mnist_cnn_infer = function()
    return mnist_cnn(), 'categorical_crossentropy', 256, tensor.rand(2560, 28, 28, 1), nil
  end,
  lstm = function()
    local model = nn.Sequential {nn.Input {140, 1}, nn.LSTM(50), nn.Dense(1, {activation = 'sigmoid'})}
    return model, 'binary_crossentropy', 32, tensor.randn(640, 140, 1), tensor.randint(0, 2, {640, 1}):float()
  end,
  mlp = function()
    local model = nn.Sequential {
      nn.Input {1000},
      nn.Dense(64, {activation = 'relu'}), nn.Dense(64, {activation = 'relu'}),
      nn.Dense(46, {activation = 'softmax'}),
    }
    return model, 'categorical_crossentropy', 512,
           tensor.randint(0, 2, {8192, 1000}):float(), tensor.one_hot(tensor.randint(0, 46, {8192}), 46):float()
  end,
  -- The homework's colorization network (course write-up 001, question 6): its printed parameter
  -- count (6,656) makes the first kernel 5x5, though its code says 3x3.
  colorize_ae = function()
    local model = nn.Sequential {
      nn.Input {100, 100, 1},
      same(256, 5, 'relu'), nn.MaxPooling2D(2),
      same(128, 3, 'tanh'), nn.MaxPooling2D(2),
      same(64, 3, 'tanh'), nn.UpSampling2D(2),
      same(128, 3, 'tanh'), nn.UpSampling2D(2),
      same(3, 3, 'relu'),
    }
    return model, 'mse', 10, tensor.rand(20, 100, 100, 1), tensor.rand(20, 100, 100, 3)
  end,
  word2vec = function()
    local model = nn.Sequential {
      nn.Input {1, dtype = 'int64'},
      nn.Embedding(2000, 64),
      nn.Flatten(),
      nn.Dense(2000, {activation = 'softmax'}),
    }
    return model, 'sparse_categorical_crossentropy', 256,
           tensor.randint(0, 2000, {8192, 1}), tensor.randint(0, 2000, {8192})
  end,
}

local make = workloads[name]
if not make then error('unknown workload ' .. tostring(name) .. '; see bench/compare --help') end
local model, loss, batch_size, x, y = make()
model:compile {optimizer = 'adam', loss = loss}
local count = x:size(1)

local function run(epochs)
  local start = now()
  if y then
    model:fit(x, y, {epochs = epochs, batch_size = batch_size, verbose = 0})
  else
    for _ = 1, epochs do model:predict(x, {batch_size = batch_size, verbose = 0}) end
  end
  return now() - start
end

run(1)
local epochs = math.max(1, math.ceil(budget / run(1)))
local seconds = run(epochs)
print(string.format('samples_per_s=%.2f seconds=%.4f samples=%d', epochs * count / seconds, seconds, epochs * count))
