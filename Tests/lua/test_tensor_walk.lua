-- Every function of `tensor` and `autograd` and every Tensor method, called with wrong arguments of
-- every kind: each call must raise a Lua error or succeed, never crash the process.
local check = require 'support.check'
local tensor = require 'tensor'
local autograd = require 'autograd'

local hostile = {
  'nil', 'x', {}, {1, 'a'}, {{}}, -1, 0, 1.5, 2^62, math.maxinteger, math.mininteger, 0/0, math.huge, -math.huge,
  true, function() end, error,
  tensor({1, 2}, {dtype = 'int64'}), tensor{true, false}, tensor({7}, {dtype = 'uint8'}), tensor(3),
  tensor.zeros(0, 3), tensor.ones(2, 3),
}
hostile[1] = nil -- a hole: `hostile[1]` is nil (a table constructor cannot hold it directly)

local function selves()
  -- Fresh receivers for every call, so updates made by one call do not change the next.
  return {tensor{{1, 2, 3}, {4, 5, 6}}, tensor({3, 1, 2}, {dtype = 'int64'}), tensor{true, false, true},
          tensor(2.5), tensor.zeros(0, 4), tensor({1, 2}, {requires_grad = true})}
end

local calls, failures = 0, 0

--- Calls f with each argument pattern; anything but a Lua error or a normal return would end the process.
local function hammer(name, f)
  local function try(...)
    calls = calls + 1
    local ok = pcall(f, ...)
    if not ok then failures = failures + 1 end
  end
  for i = 1, #hostile + 1 do
    local bad = hostile[i]
    try(bad)
    try(bad, bad)
    for _, self in ipairs(selves()) do
      try(self, bad)
      try(self, 1, bad)
      try(self, bad, 1)
      try(self, 1, 1, bad)
      try(self, -1, bad, bad)
      try(self, bad, bad, bad)
    end
  end
end

local function names(t)
  local list = {}
  for name, value in pairs(t) do if type(value) == 'function' then list[#list + 1] = name end end
  table.sort(list)
  return list
end

check.test('every tensor function', function()
  for _, name in ipairs(names(tensor)) do
    hammer('tensor.' .. name, tensor[name])
  end
  hammer('tensor()', function(...) return tensor(...) end)
end)

check.test('every autograd function', function()
  for _, name in ipairs(names(autograd)) do hammer('autograd.' .. name, autograd[name]) end
end)

check.test('every Tensor method, metamethod and subscript', function()
  local methods = require('lunette').classes().Tensor
  check.truthy(#names(methods) > 100, 'the methods table is found')
  for _, name in ipairs(names(methods)) do hammer('Tensor:' .. name, methods[name]) end
  local operators = {
    add = function(a, b) return a + b end, sub = function(a, b) return a - b end,
    mul = function(a, b) return a * b end, div = function(a, b) return a / b end,
    mod = function(a, b) return a % b end, pow = function(a, b) return a ^ b end,
    unm = function(a) return -a end, len = function(a) return #a end, lt = function(a, b) return a < b end,
    tostring = function(a) return tostring(a) end, concat = function(a, b) return a .. b end,
    index = function(a, k) return a[k] end, newindex = function(a, k, v) a[k] = v end,
    index_table = function(a, k, l) return a[{k, {k, l}}] end,
    newindex_table = function(a, k, v) a[{{k}, k}] = v end,
    reversed = function(a, b) return b - a, b / a, b ^ a, b % a end,
  }
  for name, f in pairs(operators) do hammer(name, f) end
  print(string.format('     %d calls, %d raised errors', calls, failures))
end)

check.test('targeted hostile sizes', function()
  local t = tensor.ones(2, 3)
  local attempts = {
    function() return t:reshape(-1, math.maxinteger, math.maxinteger) end,
    function() return t:chunk(math.maxinteger) end,
    function() return t:chunk(math.maxinteger, 2) end,
    function() return t:split(math.maxinteger) end,
    function() return t:narrow(1, math.mininteger, 1) end,
    function() return t:narrow(1, 1, math.maxinteger) end,
    function() return t[{{math.mininteger, math.maxinteger}}] end,
    function() return t[{{1, 2, math.maxinteger}}] end,
    function() return t:repeat_tensor(math.maxinteger, math.maxinteger) end,
    function() return t:expand(math.maxinteger, 2, 3) end,
    function() return t:pad({{math.maxinteger, math.maxinteger}, {0, 0}}) end,
    function() return t:topk(math.maxinteger) end,
    function() return tensor.randint(math.mininteger, math.maxinteger, {2}) end,
    function() return tensor.linspace(0, 1, math.maxinteger) end,
    function() return tensor.arange(0, 1e300, 1e-300) end,
    function() return tensor.eye(math.maxinteger, math.maxinteger) end,
    function() return tensor.zeros(math.maxinteger, 2) end,
    function() return tensor.randperm(math.maxinteger) end,
    function() return tensor.one_hot(tensor({1}, {dtype = 'int64'}), math.maxinteger) end,
    function() return tensor.manual_seed(math.mininteger) end,
  }
  for _, attempt in ipairs(attempts) do pcall(attempt) end
  check.equal(t:sum():item(), 6, 'the tensor is intact')
end)

check.done()
