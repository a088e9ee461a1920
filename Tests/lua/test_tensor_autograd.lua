-- Autograd from Lua: gradients through broadcasting, views and indexing, checked against hand-derived
-- values; autograd.grad for intermediate tensors; no_grad and enable_grad.
local check = require 'support.check'
local tensor = require 'tensor'
local autograd = require 'autograd'

local function parameter(values) return tensor(values, {requires_grad = true}) end

check.test('gradients through broadcasting', function()
  local x = parameter{{1, 2, 3}, {4, 5, 6}}
  local b = parameter{10, 20, 30}
  local y = (x * b + b):sum()                 -- dy/dx = b in every row; dy/db = column sums of x + 2
  check.equal(y:item(), 10 + 40 + 90 + 40 + 100 + 180 + 2 * 60)
  y:backward()
  check.same(x.grad:totable(), {{10, 20, 30}, {10, 20, 30}})
  check.same(b.grad:totable(), {7, 9, 11})
  check.equal(x.grad.requires_grad, false)
end)

check.test('gradients through views, subscripts and transposes', function()
  local x = parameter{{1, 2, 3}, {4, 5, 6}}
  local right = x:narrow(2, 2, 2)             -- columns 2 and 3
  local first = x:t()[1]                      -- column 1, through a transpose
  local loss = (right ^ 2):sum() + (first * tensor{3, 5}):sum() + x[{2, {1, 2}}]:sum() * 10
  loss:backward()
  -- columns 2, 3: 2x; column 1: (3, 5); plus 10 at (2, 1) and (2, 2)
  check.same(x.grad:totable(), {{3, 4, 6}, {15, 20, 12}})
end)

check.test('gradients accumulate over backward calls; reset by assigning nil', function()
  local x = parameter{1, 2}
  local function loss() return (x * x):sum() end
  loss():backward()
  loss():backward()
  check.same(x.grad:totable(), {4, 8})
  x.grad = nil
  loss():backward()
  check.same(x.grad:totable(), {2, 4})
  local kept = (x * 3):sum()
  x.grad = nil
  kept:backward({retain_graph = true})
  kept:backward()
  check.same(x.grad:totable(), {6, 6})
end)

check.test('backward with an explicit gradient', function()
  local x = parameter{1, 2, 3}
  local y = x * x
  y:backward(tensor{1, 0, -1})
  check.same(x.grad:totable(), {2, 0, -6})
end)

check.test('autograd.grad with respect to an intermediate tensor leaves leaves alone', function()
  local x = parameter{1, 2, 3}
  local h = x * 2                             -- intermediate
  local out = (h ^ 2):sum()                   -- d out / dh = 2h = 4x; d out / dx = 8x
  local gh = autograd.grad(out, h, {retain_graph = true})
  check.same(gh:totable(), {4, 8, 12})
  local grads = autograd.grad(out, {x, h})
  check.equal(#grads, 2)
  check.same(grads[1]:totable(), {8, 16, 24})
  check.same(grads[2]:totable(), {4, 8, 12})
  check.equal(x.grad, nil)
end)

check.test('Grad-CAM style: the gradient of the largest scores reaches their positions only', function()
  local scores = parameter{{0.1, 0.7, 0.2}, {0.5, 0.1, 0.4}}
  local features = scores * 1                 -- stands for a layer's activation
  local g = autograd.grad(features:max(2):sum(), features)
  check.same(g:totable(), {{0, 1, 0}, {1, 0, 0}})
end)

check.test('grad_outputs, create_graph and allow_unused', function()
  local x = parameter{1, 2}
  check.same(autograd.grad(x * 3, x, {grad_outputs = tensor{1, 2}}):totable(), {3, 6})
  check.same(autograd.grad({x * 3, x * x}, x, {grad_outputs = {tensor{1, 1}, tensor{1, 1}}}):totable(), {5, 7})
  local first = autograd.grad((x ^ 3):sum(), x, {create_graph = true})  -- 3x^2
  check.same(first:totable(), {3, 12})
  check.truthy(first.requires_grad)
  check.same(autograd.grad(first:sum(), x):totable(), {6, 12})          -- 6x
  local unused = parameter{5}
  local grads = autograd.grad((x * 2):sum(), {unused, x}, {allow_unused = true})
  check.equal(grads[1], nil)
  check.same(grads[2]:totable(), {2, 2})
  check.equal(autograd.grad((x * 2):sum(), unused, {allow_unused = true}), nil)
  check.raises(function() autograd.grad(x:sum(), x, {retain = true}) end, "autograd.grad: unknown option 'retain'")
end)

check.test('no_grad and enable_grad switch recording and return the function\'s results', function()
  local x = parameter{1, 2}
  check.equal(autograd.is_grad_enabled(), true)
  local y, extra, inside = autograd.no_grad(function(a, b) return x * a, b, autograd.is_grad_enabled() end, 2, 'z')
  check.equal(y.requires_grad, false)
  check.same(y:totable(), {2, 4})
  check.equal(extra, 'z')
  check.equal(inside, false)
  check.equal(autograd.is_grad_enabled(), true)
  local nested = tensor.no_grad(function()
    return autograd.enable_grad(function() return x * 2 end)
  end)
  check.equal(nested.requires_grad, true)
  local ok = pcall(autograd.no_grad, function() error('inside') end)
  check.equal(ok, false)
  check.equal(autograd.is_grad_enabled(), true, 'an error inside no_grad restores recording')
  check.equal(select('#', autograd.no_grad(function() end)), 0)
end)

check.test('requires_grad_, detach and leaves', function()
  local w = tensor.randn(3):requires_grad_()
  check.equal(w.requires_grad, true)
  check.equal(w.is_leaf, true)
  local d = (w * 2):detach()
  check.equal(d.requires_grad, false)
  check.equal(d.is_leaf, true)
  check.equal(tensor.ones(2):requires_grad_(false).requires_grad, false)
end)

check.done()
