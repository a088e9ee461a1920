-- Views share storage with the tensor they view: writing through one shows in the other.
local check = require 'support.check'
local tensor = require 'tensor'

local function matrix() return tensor{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}} end

check.test('narrow, select and t[i] are views', function()
  local m = matrix()
  local rows = m:narrow(1, 2, 2)          -- rows 2 and 3
  check.same(rows:totable(), {{4, 5, 6}, {7, 8, 9}})
  rows:fill_(0)
  check.same(m:totable(), {{1, 2, 3}, {0, 0, 0}, {0, 0, 0}})
  local column = m:select(2, 1)           -- the first column
  column:add_(10)
  check.same(m:totable(), {{11, 2, 3}, {10, 0, 0}, {10, 0, 0}})
  local first = m[1]
  first[3] = -1
  check.equal(m[1][3], -1)
end)

check.test('transpose, t, permute and view share storage', function()
  local m = matrix()
  local mt = m:t()
  check.same(mt:totable(), {{1, 4, 7}, {2, 5, 8}, {3, 6, 9}})
  check.truthy(not mt:is_contiguous())
  check.same(mt:stride(), {1, 3})
  mt[{1, 2}] = 40                          -- m[2][1]
  check.equal(m[2][1], 40)
  local flat = m:view(9)
  flat[9] = 90
  check.equal(m[3][3], 90)
  local p = tensor.zeros(2, 3, 4):permute(3, 1, 2)
  check.same(p:shape(), {4, 2, 3})
  check.same(tensor.zeros(2, 3, 4):permute({2, 3, 1}):shape(), {3, 4, 2})
  check.raises(function() return mt:view(9) end, 'cannot be viewed as (9); use reshape, which copies')
end)

check.test('reshape views contiguous tensors and copies others; clone and contiguous copy', function()
  local m = matrix()
  local r = m:reshape(9)
  r[1] = 100
  check.equal(m[1][1], 100, 'reshape of a contiguous tensor is a view')
  local rt = m:t():reshape(9)
  rt[2] = -5
  check.equal(m[1][2], 2, 'reshape of a transposed tensor copies')
  check.same(m:reshape(-1, 9):shape(), {1, 9})
  local c = m:clone()
  c:zero_()
  check.equal(m[1][1], 100)
  local mt = m:t()
  local contiguous = mt:contiguous()
  check.truthy(contiguous:is_contiguous())
  check.truthy(rawequal(m:contiguous(), m), 'a contiguous tensor is its own contiguous()')
end)

check.test('expand repeats without copying; squeeze and unsqueeze', function()
  local row = tensor{1, 2, 3}
  local e = row:expand(2, 3)
  check.same(e:totable(), {{1, 2, 3}, {1, 2, 3}})
  check.same(e:stride(), {0, 1})
  check.same(row:unsqueeze(1):shape(), {1, 3})
  check.same(row:unsqueeze(-1):shape(), {3, 1})
  check.same(tensor.zeros(1, 3, 1):squeeze():shape(), {3})
  check.same(tensor.zeros(1, 3, 1):squeeze(3):shape(), {1, 3})
  check.same(tensor{1, 2}:expand_as(tensor.zeros(3, 2)):shape(), {3, 2})
  check.raises(function() e:fill_(0) end, 'cannot write in place into an expanded tensor (dimension 1 repeats one element)')
end)

check.test('split and chunk give views; cat and stack join', function()
  local x = tensor.arange(1, 8)
  local parts = x:split(3)
  check.equal(#parts, 3)
  check.same(parts[3]:totable(), {7})
  parts[1][1] = 0
  check.equal(x[1], 0)
  check.same(x:split({2, 5})[2]:totable(), {3, 4, 5, 6, 7})
  local halves = tensor.zeros(4, 6):chunk(2, 2)
  check.same(halves[1]:shape(), {4, 3})
  check.same(tensor.cat({tensor{1, 2}, tensor{3}}):totable(), {1, 2, 3})
  check.same(tensor.cat({tensor{{1}, {2}}, tensor{{3}, {4}}}, 2):totable(), {{1, 3}, {2, 4}})
  check.same(tensor.stack({tensor{1, 2}, tensor{3, 4}}):totable(), {{1, 2}, {3, 4}})
  check.same(tensor.stack({tensor{1, 2}, tensor{3, 4}}, 2):totable(), {{1, 3}, {2, 4}})
  check.raises(function() return tensor.stack({tensor{1, 2}, tensor{3}}) end, 'stack: tensor 2 has shape (1), tensor 1 has (2)')
end)

check.test('flip, repeat_tensor, pad, tril and triu make new tensors', function()
  local m = tensor{{1, 2}, {3, 4}}
  check.same(m:flip(1):totable(), {{3, 4}, {1, 2}})
  check.same(m:flip(1, 2):totable(), {{4, 3}, {2, 1}})
  check.same(tensor{1, 2}:repeat_tensor(2, 2):totable(), {{1, 2, 1, 2}, {1, 2, 1, 2}})
  check.same(m:pad({{1, 0}, {0, 1}}, 9):totable(), {{9, 9, 9}, {1, 2, 9}, {3, 4, 9}})
  check.same(tensor.ones(3, 3):tril():totable(), {{1, 0, 0}, {1, 1, 0}, {1, 1, 1}})
  check.same(tensor.ones(3, 3):triu(1):totable(), {{0, 1, 1}, {0, 0, 1}, {0, 0, 0}})
end)

check.test('detach shares storage without history', function()
  local x = tensor({1, 2}, {requires_grad = true})
  local d = x:detach()
  check.equal(d.requires_grad, false)
  d[1] = 5
  check.equal(x[1], 5)
end)

check.done()
