-- Every function of `image` and `plot` and every method of Chart and Figure, called with arguments of
-- the wrong types and shapes under pcall: each call must either work or raise a Lua error whose
-- message carries the calling line. A crash ends the process and fails the test file.
local check = require 'support.check'
local image = require 'image'
local plot = require 'plot'
local tensor = require 'tensor'
local classes = require('lunette').classes()

local script = 'test_image_plot_arguments.lua'

-- Values to try in each position: wrong types, wrong shapes, odd numbers, and a few valid ones so that
-- later positions are reached. Strings are empty, so that no call can write a file.
local pool = {
  n = 18,
  nil, '', {}, {1, 2}, {{}}, -1, 0, 2 ^ 31, 1e300, 0 / 0, true, print,
  tensor.zeros({2, 3, 4, 5}), tensor.zeros({0, 3}), tensor.zeros({3, 3}, {dtype = 'int64'}),
  tensor.rand({4, 4, 3}), tensor.rand({2, 4, 4, 1}), {cmap = 'none', title = 5},
}
-- A short pool for three arguments.
local short = {n = 6, nil, '', {}, 2, tensor.rand({4, 4, 3}), tensor.rand({2, 4, 4, 1})}

local calls, failures = 0, 0

local function try(name, f, ...)
  local arguments = table.pack(...)
  local ok, message = pcall(function() return f(table.unpack(arguments, 1, arguments.n)) end)
  calls = calls + 1
  if not ok then
    failures = failures + 1
    if type(message) ~= 'string' or not message:find(script .. ':%d+: ') then
      error(name .. ' raised an error without the script line: ' .. tostring(message), 0)
    end
  end
end

-- Every call of `f` with up to two pool values, three short-pool values, and valid-looking argument
-- lists with one position replaced by each pool value.
local function walk(name, f, self)
  local function call(...)
    if self ~= nil then return try(name, f, self, ...) end
    return try(name, f, ...)
  end
  call()
  for i = 1, pool.n do
    call(pool[i])
    for j = 1, pool.n do call(pool[i], pool[j]) end
  end
  for i = 1, short.n do
    for j = 1, short.n do
      for k = 1, short.n do call(short[i], short[j], short[k]) end
    end
  end
  local base = {tensor.rand({6, 6, 3}), 1, 1, 2, 2, {}}
  for position = 1, #base do
    for i = 1, pool.n do
      local arguments = {table.unpack(base)}
      arguments[position] = pool[i]
      call(table.unpack(arguments, 1, #base))
    end
  end
end

local function sorted_keys(t)
  local keys = {}
  for key in pairs(t) do keys[#keys + 1] = key end
  table.sort(keys)
  return keys
end

check.test('every image function refuses bad arguments with a Lua error', function()
  for _, name in ipairs(sorted_keys(image)) do walk('image.' .. name, image[name]) end
end)

check.test('every plot function refuses bad arguments with a Lua error', function()
  for _, name in ipairs(sorted_keys(plot)) do walk('plot.' .. name, plot[name]) end
end)

check.test('every Chart and Figure method refuses bad arguments and a bad self', function()
  check.truthy(classes.Chart and classes.Figure, 'the classes are listed')
  local selves = {Chart = function() return plot.chart {} end, Figure = function() return plot.figure {columns = 2} end}
  for class, make in pairs(selves) do
    for _, name in ipairs(sorted_keys(classes[class])) do
      local method = classes[class][name]
      walk(class .. ':' .. name, method, make())
      for i = 1, pool.n do try(class .. ':' .. name, method, pool[i]) end
    end
  end
  print(string.format('     %d calls, %d raised errors', calls, failures))
end)

check.done()
