-- t[...] reading and writing: numbers, Torch7 range tables, masks, position tensors; 1-based, inclusive.
local check = require 'support.check'
local tensor = require 'tensor'

local function grid() -- 3x4, element (i, j) = 10 i + j
  return tensor{{11, 12, 13, 14}, {21, 22, 23, 24}, {31, 32, 33, 34}}
end

check.test('t[i] selects along dimension 1; a vector gives numbers', function()
  local g = grid()
  check.same(g[2]:totable(), {21, 22, 23, 24})
  check.equal(g[2][3], 23)
  check.equal(g[-1][-1], 34)
  check.equal(type(g[1][1]), 'number')
  check.equal(tensor({5, 6}, {dtype = 'int64'})[2], 6)
  check.equal(tensor{true, false}[2], false)
  check.equal(#g, 3)
  check.equal(#g[1], 4)
end)

check.test('range tables are inclusive, {} keeps a dimension, numbers select', function()
  local g = grid()
  check.same(g[{2, {2, 3}}]:totable(), {22, 23})
  check.same(g[{{1, 2}, {}}]:totable(), {{11, 12, 13, 14}, {21, 22, 23, 24}})
  check.same(g[{{}, 4}]:totable(), {14, 24, 34})
  check.same(g[{{2}, {4}}]:totable(), {{24}})  -- {a} keeps the dimension
  check.same(g[{{-2, -1}, {-1}}]:totable(), {{24}, {34}})  -- negative positions count from the end
  check.same(g[{{1, 3, 2}, {1, 4, 3}}]:totable(), {{11, 14}, {31, 34}})  -- steps
  check.same(g[{{2, 1}}]:shape(), {0, 4})  -- a range ending just before its start is empty
  check.equal(g[{3, 2}], 32, 'selecting every dimension gives a number')
  check.same(g[{2}]:totable(), {21, 22, 23, 24})  -- dimensions not listed are kept
end)

check.test('assignment through subscripts writes numbers and broadcast tensors', function()
  local g = grid()
  g[1] = 0
  check.same(g[1]:totable(), {0, 0, 0, 0})
  g[{{2, 3}, {1, 2}}] = tensor{{-1, -2}, {-3, -4}}
  check.same(g[{{2, 3}, {1, 2}}]:totable(), {{-1, -2}, {-3, -4}})
  g[{{}, 4}] = tensor{7}                -- broadcast over the column
  check.same(g[{{}, 4}]:totable(), {7, 7, 7})
  g[{3, 3}] = 99
  check.equal(g[3][3], 99)
  g[{{}, {1, 2}}] = tensor{5, 6}        -- a row broadcast to every row
  check.same(g[{{}, {1, 2}}]:totable(), {{5, 6}, {5, 6}, {5, 6}})
  local v = tensor.zeros(3)
  v[2] = 4
  check.same(v:totable(), {0, 4, 0})
  local m = tensor.zeros(2, 2, {dtype = 'bool'})
  m[1] = true
  check.same(m:totable(), {{true, true}, {false, false}})
end)

check.test('bool masks select and assign', function()
  local x = tensor{{1, -2}, {-3, 4}}
  local negative = x:lt(0)
  check.same(x[negative]:totable(), {-2, -3})
  x[negative] = 0
  check.same(x:totable(), {{1, 0}, {0, 4}})
  x[x:gt(0)] = tensor{10, 40}
  check.same(x:totable(), {{10, 0}, {0, 40}})
  x[x:eq(0)] = tensor{-1}
  check.same(x:totable(), {{10, -1}, {-1, 40}})
  local flags = tensor{false, false, true}
  flags[flags:logical_not()] = true
  check.same(flags:totable(), {true, true, true})
  check.raises(function() x[x:gt(0)] = tensor{1, 2, 3} end, 'masked_scatter_: the mask selects 2 elements, but the source has 3')
end)

check.test('an int64 tensor of positions selects slices along dimension 1', function()
  local g = grid()
  check.same(g[tensor({3, 1}, {dtype = 'int64'})]:totable(), {{31, 32, 33, 34}, {11, 12, 13, 14}})
  check.raises(function() g[tensor({1}, {dtype = 'int64'})] = 0 end, 't[positions] = value is not supported; assign through a bool mask')
end)

check.test('index errors name the dimension, the index and the size, 1-based, with the script line', function()
  local g = grid()
  local line
  local message = check.raises(function() line = debug.getinfo(1, 'l').currentline; return g[5] end,
    'index 5 out of range for dimension 1 of size 3')
  check.truthy(message:find('test_tensor_indexing.lua:' .. line .. ':', 1, true), message)
  check.raises(function() return g[{1, 5}] end, 'index 5 out of range for dimension 2 of size 4')
  check.raises(function() return g[{{1, 2}, {2, 9}}] end, 'index 9 out of range for dimension 2 of size 4')
  check.raises(function() return g[{-4}] end, 'index -4 out of range for dimension 1 of size 3')
  check.raises(function() return g[0] end, 'index 0 out of range for dimension 1 of size 3 (positions count from 1)')
  check.raises(function() return g[{1, 1, 1}] end, '3 subscripts for a tensor of 2 dimensions')
  check.raises(function() return g[{{3, 1}}] end, 'the range {3, 1} of dimension 1 runs backwards')
  check.raises(function() return g[{{1, 3, 0}}] end, 'the step of a range must be positive, got 0 for dimension 1')
  check.raises(function() return g[{'x'}] end, 'expected a number or a range')
  check.raises(function() return g[1.5] end, 'expected an integer, got number')
  check.raises(function() return tensor(1)[1] end, 'a 0-dimensional tensor has no positions to index; use t:item()')
  check.raises(function() g[1] = 'x' end, 'expected a number or a Tensor to assign, got string')
  check.raises(function() g.shape = 3 end, "cannot set the field 'shape'")
end)

check.test('fields: grad, requires_grad, is_leaf; unknown fields read nil', function()
  local x = tensor{1, 2}
  check.equal(x.requires_grad, false)
  check.equal(x.is_leaf, true)
  check.equal(x.grad, nil)
  check.equal(x.no_such_field, nil)
  x.requires_grad = true
  check.equal(x.requires_grad, true)
  local y = x * 2
  check.equal(y.is_leaf, false)
  x.grad = tensor{5, 6}
  check.same(x.grad:totable(), {5, 6})
  check.truthy(rawequal(x.grad, x.grad), 'the same tensor gives the same userdata')
  x.grad = nil
  check.equal(x.grad, nil)
  check.raises(function() x.grad = tensor{1} end, 'must be a float32 tensor of the tensor\'s shape (2) to be its grad')
  check.raises(function() y.requires_grad = false end, 'requires_grad_: only leaf tensors can change requires_grad')
  check.raises(function() tensor({1}, {dtype = 'int64'}).requires_grad = true end, 'only float32 tensors can require gradients')
  check.raises(function() x.requires_grad = 1 end, 'requires_grad must be set to a boolean, got number')
end)

check.done()
