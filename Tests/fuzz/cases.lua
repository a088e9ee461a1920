-- The protocol between the fuzzer scripts and their harness (Tests/LunetteTests/FuzzTests.swift): each
-- case prints `begin K NAME` before it runs and `ok K` or `error K MESSAGE` after, flushed at once, so
-- that a case the process died or hung in is known by the last line.
local cases = {}

--- Runs case `k`, named `name`: f(...) in protected mode.
function cases.run(k, name, f, ...)
  io.write('begin ', k, ' ', name, '\n')
  io.stdout:flush()
  local ok, message = pcall(f, ...)
  if ok then
    io.write('ok ', k, '\n')
  else
    io.write('error ', k, ' ', (tostring(message):gsub('\n', ' '):sub(1, 300)), '\n')
  end
  io.stdout:flush()
  collectgarbage()
end

return cases
