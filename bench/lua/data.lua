-- Loading and text benchmarks of the `data` module, through the Lua API as scripts use it:
--   swift build -c release && .build/release/lunette run bench/lua/data.lua
-- Reads the full sets from LUNETTE_DATA or ../shared/data beside the checkout, else the embedded
-- subsets (the lines then say so). Times: the mean wall time over repeated runs (from /proc/uptime,
-- 10 ms ticks, so runs repeat for at least a second) and the best process CPU time (os.clock).
local data = require 'data'

local root = arg[0]:match('^(.*)/bench/lua/[^/]*$') or '.'
local function has_mnist(folder)
  local file = folder ~= '' and io.open(folder .. '/mnist/train-labels-idx1-ubyte.gz', 'rb')
  if file then file:close() end
  return file ~= nil and file ~= false
end
local folder = root .. '/data'
for _, candidate in ipairs({os.getenv('LUNETTE_DATA') or '', root .. '/../shared/data'}) do
  if has_mnist(candidate) then folder = candidate break end
end

local function uptime()
  local file = io.open('/proc/uptime', 'r')
  if not file then return os.time() end
  local seconds = file:read('n')
  file:close()
  return seconds
end

local function measure(name, budget, body)
  body()   -- warm-up
  local runs, best_cpu, started = 0, math.huge, uptime()
  repeat
    local cpu = os.clock()
    body()
    best_cpu = math.min(best_cpu, os.clock() - cpu)
    runs = runs + 1
  until uptime() - started >= 1 and runs >= 3
  local wall = (uptime() - started) / runs
  print(string.format('%-58s wall %7.1f ms  cpu %7.1f ms  (%d runs)%s', name, wall * 1000, best_cpu * 1000, runs,
    budget and (wall <= budget and string.format('  ok (budget %.0f ms)', budget * 1000)
      or string.format('  OVER BUDGET (%.0f ms)', budget * 1000)) or ''))
end

print('data from ' .. folder)
local train, test = data.mnist{path = folder}
print(string.format('MNIST: %d + %d images', train.count, test.count))
measure('mnist: train + test from IDX.gz into tensors', 1.0, function() data.mnist{path = folder} end)
measure('fashion_mnist: train + test', nil, function() data.fashion_mnist{path = folder} end)
measure('ecg5000: 500 + 4,500 beats from TSV.gz', 0.5, function() data.ecg5000{path = folder} end)

local r_train, r_test = data.reuters{path = folder}
local stories = {}
for _, part in ipairs({r_train, r_test}) do for _, text in ipairs(part.texts) do stories[#stories + 1] = text end end
measure('reuters: ARFF texts and labels (grain + corn files)', nil, function() data.reuters{path = folder} end)
measure(string.format('tokenize all %d Reuters stories (one call)', #stories), 0.5, function() data.tokenize(stories) end)
measure(string.format('tokenize all %d Reuters stories (one call each)', #stories), 0.5, function()
  for _, text in ipairs(stories) do data.tokenize(text) end
end)
local vocab
measure('vocabulary of the Reuters stories', nil, function() vocab = data.vocabulary(stories, {min_count = 2}) end)
local sequences
measure('encode_all the Reuters stories', nil, function() sequences = vocab:encode_all(stories) end)
measure('skip-gram pairs, window 5, shrinking', nil, function() data.skipgrams(sequences, {window = 5, shrink_window = true, seed = 1}) end)
measure('faces: 200 PNG files into a batch', nil, function() data.faces{path = folder} end)
local photos = data.images{path = folder}
measure(string.format('images: %d photographs decoded', #photos.images), nil, function() data.images{path = folder} end)
measure('patches: 10,000 of 32 x 32 from the photographs', nil, function()
  data.patches(photos.images, {size = 32, count = 10000, seed = 1})
end)
