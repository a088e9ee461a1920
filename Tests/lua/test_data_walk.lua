-- Every function of the `data` module and every method of its classes, called with wrong arguments
-- (nil, strings, tables, negative and huge numbers, tensors of the wrong dtype or shape, NaN) under
-- pcall: each call must raise a Lua error or return, never crash the process. The test passes when
-- the walk reaches its end; it also checks that errors are messages that name the function.
local check = require 'support.check'
local probe = require 'support.probe'
local data = require 'data'

local folder = probe.folder()
local path = folder .. '/walk'

local floats = probe.tensor({1, 2, 3, 4, 5, 6}, {2, 3})
local longs = probe.tensor({0, 1, 1}, {3}, 'int64')
local bytes = probe.tensor({1, 2, 3, 4}, {1, 2, 2, 1}, 'uint8')
local scalar = probe.tensor({5}, {})

local bad = {
  nil, 'text', path, {}, {1, 2, 3}, {'a', {}}, {x = 1}, {{1.5, -2}}, -1, 0, 0.5, 2 ^ 62, math.maxinteger,
  math.mininteger, -math.huge, 0 / 0, true, floats, longs, bytes, scalar, print, {size = -3, count = -1},
  {window = math.maxinteger, horizon = math.maxinteger}, {maxlen = math.maxinteger}, {batch_size = math.maxinteger},
  {size = math.maxinteger, count = 2}, {k = math.maxinteger}, {table_size = math.maxinteger, power = 1e308},
  {axis = math.mininteger}, {seed = math.mininteger}, {test_size = 0 / 0}, {p = 0 / 0},
}
local count = 13 + 21   -- entries of `bad`, counted by hand because bad[1] is nil

local calls, errors = 0, 0
local function try(name, f, ...)
  calls = calls + 1
  local ok, message = pcall(f, ...)
  if not ok then
    errors = errors + 1
    if type(message) ~= 'string' or message == '' then
      error(name .. ' raised a non-message error: ' .. tostring(message))
    end
  end
end

check.test('every data function survives wrong arguments', function()
  local names = {}
  for name, value in pairs(data) do if type(value) == 'function' then names[#names + 1] = name end end
  table.sort(names)
  check.truthy(#names >= 40, #names .. ' functions')
  for _, name in ipairs(names) do
    local f = data[name]
    for i = 1, count do
      try(name, f, bad[i])
      try(name, f, bad[i], bad[i])
      try(name, f, floats, bad[i])
      try(name, f, longs, bad[i], bad[i])
      try(name, f, {{1, 2}, {3}}, bad[i])
      try(name, f, path, floats, bad[i])
    end
  end
  print(string.format('     %d calls, %d errors', calls, errors))
end)

check.test('every method of the data classes survives wrong arguments', function()
  local classes = require('lunette').classes()
  local objects = {
    Vocabulary = data.vocabulary({'a b c a'}),
    Scaler = data.StandardScaler():fit(floats),
    NegativeSampler = data.negative_sampler({3, 1}),
    Batches = data.batches(floats, {batch_size = 1}),
  }
  for class, object in pairs(objects) do
    local methods = classes[class]
    check.truthy(methods, class .. ' is listed')
    for name, method in pairs(methods) do
      for i = 1, count do
        try(class .. ':' .. name, method, object, bad[i])
        try(class .. ':' .. name, method, bad[i], bad[i])
        for _, other in pairs(objects) do try(class .. ':' .. name, method, other, bad[i]) end
      end
    end
    for i = 1, count do
      try(class .. ' call', function() return object(bad[i]) end)
      try(class .. ' index', function() return object[bad[i] or 1] end)
      try(class .. ' length', function() return #object end)
      try(class .. ' tostring', function() return tostring(object) end)
    end
  end
end)

check.test('errors name the function and the argument', function()
  check.raises(function() data.read_idx(3) end, 'data.read_idx: argument #1 expected a string, got number')
  check.raises(function() data.one_hot('x') end, 'data.one_hot: argument #1 expected an integer tensor or a list of class ids, got string')
  check.raises(function() data.batches(floats, longs) end, 'data.batches: array 2 has 3 rows but array 1 has 2')
  check.raises(function() data.StandardScaler().transform(floats, floats) end, 'expected a Scaler as self')
  check.raises(function() data.sliding_windows(floats, {window = math.maxinteger}) end, 'too short')
  check.raises(function() data.k_fold(2 ^ 50) end, "more than this machine's memory")
end)

probe.cleanup()
check.done()
