-- Dimensions and positions count from 1 everywhere; class ids count from 0.
local check = require 'support.check'
local tensor = require 'tensor'

local function cube() -- 2x3x4, element (i, j, k) = 100 i + 10 j + k
  local rows = {}
  for i = 1, 2 do
    rows[i] = {}
    for j = 1, 3 do
      rows[i][j] = {}
      for k = 1, 4 do rows[i][j][k] = 100 * i + 10 * j + k end
    end
  end
  return tensor(rows)
end

check.test('size, narrow, select and transpose take 1-based dimensions', function()
  local c = cube()
  check.equal(c:size(1), 2)
  check.equal(c:size(3), 4)
  check.equal(c:size(-1), 4)
  check.same(c:size(), {2, 3, 4})
  check.equal(c:dim(), 3)
  check.equal(c:numel(), 24)
  check.same(c:narrow(3, 2, 2)[{1, 1}]:totable(), {112, 113})   -- elements k = 2, 3
  check.same(c:narrow(2, -1, 1)[{2, 1}]:totable(), {231, 232, 233, 234})
  check.same(c:select(2, 3)[1]:totable(), {131, 132, 133, 134})
  check.same(c:transpose(1, 3):shape(), {4, 3, 2})
  check.equal(c:transpose(1, 3)[{4, 2, 1}], 124)
  check.same(c:flatten(2):shape(), {2, 12})
  check.same(c:flatten(1, 2):shape(), {6, 4})
end)

check.test('reductions take a dimension or a table of them, and keepdim', function()
  local c = cube()
  -- sums over k of (100 i + 10 j + k) = 400 i + 40 j + 10
  check.same(c:sum(3):totable(), {{450, 490, 530}, {850, 890, 930}})
  check.same(c:sum(3, true):shape(), {2, 3, 1})
  check.same(c:sum(-1):totable(), c:sum(3):totable())
  -- means over j and k: 100 i + 20 + 2.5
  check.same(c:mean({2, 3}):totable(), {122.5, 222.5})
  check.same(c:mean({2, 3}, true):shape(), {2, 1, 1})
  check.equal(c:sum():item(), 2 * 3 * 10 + 12 * 300 + 8 * 60) -- Σk + Σ 100 i + Σ 10 j
  check.equal(c:sum():dim(), 0, 'a whole-tensor reduction is a 0-dimensional tensor')
  check.same(c:prod(1)[{1, {1, 2}}]:totable(), {111 * 211, 112 * 212})
  local v = tensor{{1, 2}, {3, 5}}
  check.near(v:var():item(), 35 / 12, 1e-5)           -- mean 2.75, squared deviations sum 8.75, / 3
  check.near(v:std(2, false, {unbiased = false})[2], 1, 1e-6)  -- population std of {3, 5}
  check.same(v:norm(1, 1):totable(), {4, 7})
  check.near(v:logsumexp(2)[1], math.log(math.exp(1) + math.exp(2)), 1e-5)
end)

check.test('max, min, argmax, sort and topk return 1-based positions', function()
  local p = tensor{{0.1, 0.7, 0.2}, {0.5, 0.1, 0.4}}
  local values, positions = p:max(2)
  check.same(values:totable(), {0.7, 0.5}, 1e-6)
  check.equal(positions:dtype(), 'int64')
  check.same(positions:totable(), {2, 1})
  local _, lowest = p:min(1)
  check.same(lowest:totable(), {1, 2, 1})
  check.same(p:argmax(2):totable(), {2, 1})
  check.same(p:argmin(2, true):totable(), {{1}, {2}})
  check.equal(p:argmax():item(), 2, 'position in the flattened tensor')
  check.equal(p:max():item(), p[1][2])
  local sorted, order = tensor{30, 10, 20}:sort()
  check.same(sorted:totable(), {10, 20, 30})
  check.same(order:totable(), {2, 3, 1})
  local _, descending = tensor{30, 10, 20}:sort(1, true)
  check.same(descending:totable(), {1, 3, 2})
  check.same(tensor{30, 10, 20}:argsort():totable(), {2, 3, 1})
  local top, where = p:topk(2, 2)
  check.same(top:totable(), {{0.7, 0.2}, {0.5, 0.4}}, 1e-6)
  check.same(where:totable(), {{2, 3}, {1, 3}})
end)

check.test('gather, index_select, scatter_add and index_add take the positions back', function()
  local p = tensor{{0.1, 0.7, 0.2}, {0.5, 0.1, 0.4}}
  local _, best = p:max(2, true)
  check.same(p:gather(2, best):totable(), {{0.7}, {0.5}}, 1e-6)
  check.same(p:index_select(2, tensor({3, 1}, {dtype = 'int64'})):totable(), {{0.2, 0.1}, {0.4, 0.5}}, 1e-6)
  local counts = tensor.zeros(4):scatter_add(1, tensor({2, 4, 2}, {dtype = 'int64'}), tensor{1, 1, 1})
  check.same(counts:totable(), {0, 2, 0, 1})
  local rows = tensor.zeros(3, 2):index_add(1, tensor({3, 3}, {dtype = 'int64'}), tensor{{1, 2}, {10, 20}})
  check.same(rows:totable(), {{0, 0}, {0, 0}, {11, 22}})
  local acc = tensor.zeros(3)
  acc:index_add_(1, tensor({1}, {dtype = 'int64'}), tensor{5})
  check.same(acc:totable(), {5, 0, 0})
  check.raises(function() return p:gather(2, tensor({{0}, {1}}, {dtype = 'int64'})) end,
    'gather: index 0 out of range for dimension 2 of size 3')
  check.raises(function() return p:index_select(1, tensor({3}, {dtype = 'int64'})) end,
    'index_select: index 3 out of range for dimension 1 of size 2')
  check.raises(function() return p:gather(2, tensor{{1}, {1}}) end, 'must be an int64 tensor of positions (counting from 1), got a float32 tensor')
end)

check.test('softmax, cumsum, squeeze, unsqueeze, cat and stack take 1-based dimensions', function()
  local x = tensor{{1, 2}, {3, 4}}
  local s = x:softmax(2)
  check.same(s:sum(2):totable(), {1, 1}, 1e-6)
  check.near(s[1][2], math.exp(2) / (math.exp(1) + math.exp(2)), 1e-6)
  check.same(x:softmax(1):sum(1):totable(), {1, 1}, 1e-6)
  check.same(x:log_softmax(-1):exp():totable(), s:totable(), 1e-6)
  check.same(x:cumsum(1):totable(), {{1, 2}, {4, 6}})
  check.same(x:cumsum(2):totable(), {{1, 3}, {3, 7}})
  check.same(x:unsqueeze(2):shape(), {2, 1, 2})
  check.same(tensor.cat({x, x}, -1):shape(), {2, 4})
  check.same(tensor.stack({x, x}, 3):shape(), {2, 2, 2})
end)

check.test('dimension 0 does not exist', function()
  local x = tensor{{1, 2}, {3, 4}}
  check.raises(function() return x:sum(0) end, 'Tensor:sum: argument #1 is dimension 0, which does not exist: dimensions count from 1')
  check.raises(function() return tensor.sum(x, 0) end, 'tensor.sum: argument #2 is dimension 0')
  check.raises(function() return x:mean({1, 0}) end, 'holds dimension 0')
  check.raises(function() return x:narrow(1, 0, 1) end, 'argument #2 is position 0, which does not exist: positions count from 1')
  check.raises(function() return x:sum(3) end, 'sum: dimension 3 out of range for a tensor of rank 2 (shape (2, 2))')
  check.raises(function() return x:narrow(2, 2, 2) end, 'narrow: length 2 from index 2 goes past the end of dimension 2 of size 2')
  check.raises(function() return x:transpose(1, 3) end, 'transpose: dimension 3 out of range')
end)

check.test('class ids count from 0: one_hot and argmax - 1', function()
  local labels = tensor({5, 0, 9}, {dtype = 'int64'})
  local y = tensor.one_hot(labels, 10)
  check.same(y:shape(), {3, 10})
  check.equal(y:dtype(), 'float32')
  check.equal(y[1][6], 1, 'class 5 is the sixth column')
  check.equal(y[2][1], 1)
  check.equal(y:sum():item(), 3)
  check.same((y:argmax(2) - 1):totable(), {5, 0, 9})
  check.equal(labels:one_hot(10, {dtype = 'int64'}):dtype(), 'int64')
  check.raises(function() return tensor.one_hot(labels, 9) end, 'one_hot: label 9 out of range for 9 classes (labels count from 0)')
end)

check.test('the module help states both conventions', function()
  check.truthy(tensor.help:find('Positions count from 1', 1, true))
  check.truthy(tensor.help:find('Class ids are data and count from 0', 1, true))
  check.truthy(tensor.help:find('probs:argmax(2) - 1 gives class ids', 1, true))
  check.truthy(require('autograd').help:find('autograd.grad(outputs, inputs', 1, true))
end)

check.done()
