-- Imaging through the Lua API, at the sizes the experiments use. Run with the release build:
--
--   swift build -c release && .build/release/lunette run bench/lua/imaging.lua
--
-- Times are CPU seconds of the process (os.clock; Lua has no finer wall clock). The work measured is
-- single-threaded, so they match wall time on an idle machine and are steadier on a busy one.
local image = require 'image'
local plot = require 'plot'
local tensor = require 'tensor'

local marker = os.tmpname()
local folder = marker .. '.d'
local here = arg[0]:match('^(.*)/[^/]*$') or '.'

-- Runs `work` once to warm up, then repeatedly for about `budget` seconds (at least 3 times);
-- prints the best and median time against the target.
local function measure(name, target, work, budget)
  budget = budget or 2
  work()
  local times, started = {}, os.clock()
  while #times < 3 or (os.clock() - started < budget and #times < 200) do
    local t0 = os.clock()
    work()
    times[#times + 1] = os.clock() - t0
  end
  table.sort(times)
  local best, median = times[1], times[(#times + 1) // 2]
  print(string.format('%-58s best %8.2f ms  median %8.2f ms  (%d runs; target <= %g ms: %s)', name, best * 1e3,
    median * 1e3, #times, target * 1e3, median <= target and 'met' or 'MISSED'))
end

-- A noisy sine of 10,000 points, as a Lua table (the usual way series reach plot).
math.randomseed(7)
local signal = {}
for i = 1, 10000 do signal[i] = math.sin(i / 300) + 0.4 * (math.random() - 0.5) end

measure('line chart 640x480, 10,000 points: build + render', 0.050, function()
  plot.chart {title = '10,000 points', xlabel = 'sample', ylabel = 'value'}:line(signal, {label = 'signal'}):render()
end)
measure('line chart 640x480, 10,000 points: build + save PNG', 0.050, function()
  plot.chart {title = '10,000 points', xlabel = 'sample', ylabel = 'value'}:line(signal, {label = 'signal'})
    :save(folder .. '/chart.png')
end)

-- A real photo enlarged to 1024x1024: PNG speed depends on content, and photos are the slow case.
local photo = image.resize(image.load(here .. '/../../data/images/chelsea.png'), 1024, 1024, {method = 'bilinear'})
measure('PNG write 1024x1024 RGB photo (float32 tensor)', 0.100, function() image.save(folder .. '/photo.png', photo) end)
local photo_bytes = image.to_uint8(photo)
measure('PNG write 1024x1024 RGB photo (uint8 tensor)', 0.100, function() image.save(folder .. '/photo8.png', photo_bytes) end)

tensor.manual_seed(1)
local batch = tensor.rand({1000, 100, 100, 1})
measure('resize 1,000 images 100x100 -> 28x28 (one batch call)', 0.200, function() image.resize(batch, 28, 28) end)

for _, name in ipairs({'chart.png', 'photo.png', 'photo8.png'}) do os.remove(folder .. '/' .. name) end
os.remove(folder)
os.remove(marker)
