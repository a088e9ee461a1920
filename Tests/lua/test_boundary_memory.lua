-- Errors crossing the Lua/Swift boundary leave nothing behind: Swift functions that fail, and Lua
-- callbacks that fail inside Swift functions, called 100,000 times under pcall, keep the resident
-- size flat. Run in its own process, so nothing else moves the numbers.
local check = require 'support.check'
local process = require 'support.process'
local tensor = require 'tensor'

local function growth_over(calls, body)
  for _ = 1, 1000 do body() end   -- warm-up: caches, interned strings, the first heap growth
  collectgarbage()
  local before = process.resident_bytes()
  for _ = 1, calls do body() end
  collectgarbage()
  return process.resident_bytes() - before
end

check.test('a Swift function that fails, 100,000 times under pcall', function()
  local growth = growth_over(100000, function()
    local ok, message = pcall(tensor.zeros, 'not a size')
    assert(not ok and message:find('tensor.zeros', 1, true))
  end)
  print(string.format('     resident growth %.0f KiB', growth / 1024))
  check.truthy(growth < 2 * 1024 * 1024, 'resident size grew by ' .. growth .. ' bytes')
end)

check.test('a Lua callback that fails inside a Swift function, 100,000 times under pcall', function()
  local growth = growth_over(100000, function()
    local ok, message = pcall(tensor.no_grad, function() error('from the callback') end)
    assert(not ok and message:find('from the callback', 1, true))
  end)
  print(string.format('     resident growth %.0f KiB', growth / 1024))
  check.truthy(growth < 2 * 1024 * 1024, 'resident size grew by ' .. growth .. ' bytes')
end)

check.done()
