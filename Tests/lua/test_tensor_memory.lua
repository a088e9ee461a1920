-- Lua's collector learns about tensor memory, so loops that make temporaries keep a bounded size.
local check = require 'support.check'
local tensor = require 'tensor'

local process = require 'support.process'
local resident_bytes, peak_resident_bytes = process.resident_bytes, process.peak_resident_bytes

check.test('10,000 temporaries of 4 MB keep the resident size under 200 MB', function()
  local start, peak = resident_bytes(), 0
  for i = 1, 10000 do
    local temporary = tensor.zeros(1000, 1000)   -- 4 MB, written (so resident) by the fill
    if i % 50 == 0 then peak = math.max(peak, resident_bytes()) end
  end
  print(string.format('     resident at start %.1f MB, highest seen %.1f MB, process peak (VmHWM) %.1f MB',
    start / 2^20, peak / 2^20, peak_resident_bytes() / 2^20))
  check.truthy(peak < 200 * 2^20, string.format('resident size reached %.1f MB', peak / 2^20))
  check.truthy(peak_resident_bytes() < 200 * 2^20)
end)

check.test('200,000 small tensors do not pile up in Lua\'s heap', function()
  -- Each tensor's own object counts for the collector, not only its 12 bytes of elements: otherwise
  -- unfinalized tensors accumulate (about 40 bytes of Lua heap each) faster than they are collected.
  local a, b = tensor{1, 2, 3}, tensor{4, 5, 6}
  local highest = 0
  for i = 1, 200000 do
    local c = a + b
    if i % 1000 == 0 then highest = math.max(highest, collectgarbage('count')) end
  end
  print(string.format('     Lua heap at most %.0f KB over 200,000 additions', highest))
  check.truthy(highest < 4096, string.format('Lua heap reached %.0f KB', highest))
end)

check.done()
