-- A small test harness for Lua-level tests. Each test file:
--   local check = require 'support.check'
--   check.test('narrow shares storage', function() check.equal(x:size(1), 3) end)
--   check.done()            -- prints a summary; exits with status 1 if anything failed
local check = {}

local passed, failed = 0, {}

local function fail(message, level)
  error(message, (level or 1) + 2)
end

local function show(value)
  if type(value) == 'string' then return string.format('%q', value) end
  return tostring(value)
end

--- Runs one named test; a failing assertion or error is recorded and the next test runs.
function check.test(name, body)
  local ok, message = xpcall(body, debug.traceback)
  if ok then
    passed = passed + 1
    print('ok   ' .. name)
  else
    failed[#failed + 1] = name
    print('FAIL ' .. name .. '\n     ' .. tostring(message):gsub('\n', '\n     '))
  end
end

function check.truthy(value, message)
  if not value then fail(message or ('expected a true value, got ' .. show(value))) end
end

function check.equal(actual, expected, message)
  if actual ~= expected then
    fail((message and message .. ': ' or '') .. 'expected ' .. show(expected) .. ', got ' .. show(actual))
  end
end

--- |actual - expected| <= tolerance (absolute, default 1e-6), for numbers.
function check.near(actual, expected, tolerance, message)
  tolerance = tolerance or 1e-6
  if type(actual) ~= 'number' or math.abs(actual - expected) > tolerance then
    fail((message and message .. ': ' or '') .. 'expected ' .. show(expected) .. ' ± ' .. tolerance ..
      ', got ' .. show(actual))
  end
end

--- Element-wise equality of two (nested) tables of plain values, within a tolerance for numbers.
function check.same(actual, expected, tolerance, path)
  path = path or 'value'
  if type(expected) == 'table' then
    if type(actual) ~= 'table' then fail(path .. ': expected a table, got ' .. show(actual)) end
    if #actual ~= #expected then fail(path .. ': expected ' .. #expected .. ' elements, got ' .. #actual) end
    for key, value in pairs(expected) do check.same(actual[key], value, tolerance, path .. '[' .. show(key) .. ']') end
  elseif type(expected) == 'number' and tolerance then
    if type(actual) ~= 'number' or math.abs(actual - expected) > tolerance then
      fail(path .. ': expected ' .. show(expected) .. ' ± ' .. tolerance .. ', got ' .. show(actual))
    end
  elseif actual ~= expected then
    fail(path .. ': expected ' .. show(expected) .. ', got ' .. show(actual))
  end
end

--- Calls `body`, which must raise an error whose message contains `fragment` (plain text, not a pattern).
--- Returns the message.
function check.raises(body, fragment)
  local ok, message = pcall(body)
  if ok then fail('expected an error containing ' .. show(fragment) .. ', but no error was raised') end
  message = tostring(message)
  if fragment and not message:find(fragment, 1, true) then
    fail('expected an error containing ' .. show(fragment) .. ', got ' .. show(message))
  end
  return message
end

--- Prints the summary line and sets the exit status.
function check.done()
  print(string.format('%d passed, %d failed', passed, #failed))
  if #failed > 0 then
    print('failed: ' .. table.concat(failed, ', '))
    os.exit(1)
  end
end

return check
