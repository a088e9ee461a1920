-- Per-operation cost of tensor operations called from Lua: tiny operations (where the binding's
-- overhead is all there is) and a 1M-element broadcast add. bench/python/tensor_binding_ops.py does the
-- same work in PyTorch and NumPy; bench/run prints both side by side. Run with the release build:
--   .build/release/lunette run bench/lua/tensor_ops.lua
-- Prints one line per benchmark: lunette|name|seconds per operation (best batch).
local tensor = require 'tensor'

-- Wall-clock seconds (os.clock would count both cores of the multi-threaded kernels).
local now = require('lunette').clock

local batch_seconds, batches = 0.5, 9

local function measure(name, op)
  local iterations = 1
  while true do -- find a batch size that lasts about batch_seconds
    local start = now()
    for _ = 1, iterations do op() end
    if now() - start >= batch_seconds / 4 then break end
    iterations = iterations * 4
  end
  iterations = iterations * 4
  local best = math.huge
  for _ = 1, batches do
    local start = now()
    for _ = 1, iterations do op() end
    best = math.min(best, (now() - start) / iterations)
  end
  print(string.format('lunette|%s|%.9g', name, best))
end

local a, b = tensor{1, 2, 3}, tensor{4, 5, 6}
local big, row = tensor.rand(1000, 1000), tensor.rand(1000)

measure('add 3 elements: a + b', function() return a + b end)
measure('add 3 elements: a:add(b)', function() return a:add(b) end)
measure('multiply 3 elements by a number: a * 2', function() return a * 2 end)
measure('sum 3 elements: a:sum()', function() return a:sum() end)
measure('add 1000x1000 + 1000 (row broadcast)', function() return big + row end)
