-- autograd.gradcheck: the library's finite-difference check from Lua: agreement, a detected mismatch
-- with its position counted from 1, second derivatives, and the inputs left as they were.
local check = require 'support.check'
local tensor = require 'tensor'
local autograd = require 'autograd'

check.test('correct gradients pass, through several inputs and outputs, with constants', function()
  tensor.manual_seed(3)
  local x = tensor.uniform({2, 3}, -1, 1):requires_grad_()
  local w = tensor.uniform({3, 2}, -1, 1):requires_grad_()
  local index = tensor({2, 1}, {dtype = 'int64'})
  local before = x:clone()
  local ok, report = autograd.gradcheck(function(a, b, i)
    local h = a:matmul(b):tanh()
    return h:index_select(1, i), (a * a):sum(2)
  end, {x, w, index})
  check.equal(ok, true)
  check.equal(report.checked, 12)
  check.equal(report.failures, 0)
  check.truthy(report.error <= report.allowed)
  check.truthy(x:eq(before):all(), 'the inputs are restored')
  check.equal(x.grad, nil)
end)

check.test('a wrong gradient is found, at a position counted from 1', function()
  -- floor's gradient is 0, but 0.9995 ± 0.001 straddles 1: the difference quotient is about 500 times
  -- the element's weight (in [0.5, 1.5)).
  local x = tensor{0.3, 0.9995}:requires_grad_()
  local ok, report = autograd.gradcheck(function(a) return a:floor() end, x)
  check.equal(ok, false)
  check.equal(report.failures, 1)
  check.equal(report.input, 1)
  check.same(report.position, {2})
  check.equal(report.analytic, 0)
  check.truthy(report.numeric > 250 and report.numeric < 750, report.numeric)
end)

check.test('tolerances come from the options', function()
  local x = tensor{0.9995}:requires_grad_()
  local ok = autograd.gradcheck(function(a) return a:floor() end, x, {atol = 1000})
  check.equal(ok, true)
  check.equal(autograd.gradcheck(function(a) return a:floor() end, x, {eps = 1e-2}), false)
end)

check.test('second derivatives: f differentiates inside, with record_graph', function()
  local x = tensor{0.5, -1, 2}:requires_grad_()
  local function derivative(a) return autograd.grad((a * a * a):sum(), a, {create_graph = true}) end
  check.equal(autograd.gradcheck(derivative, x, {record_graph = true}), true)
  check.raises(function() autograd.gradcheck(derivative, x) end, 'does not require grad')
end)

check.test('mistakes are named', function()
  local x = tensor{1, 2}:requires_grad_()
  check.raises(function() autograd.gradcheck(function(a) return a end, x, {tol = 1}) end,
               "autograd.gradcheck: unknown option 'tol' (known options: 'atol', 'eps', 'record_graph', 'rtol')")
  check.raises(function() autograd.gradcheck(function(a) return 1 end, x) end,
               'autograd.gradcheck: f must return tensors, result 1 is a number')
  check.raises(function() autograd.gradcheck(function(a) return a end, tensor{1, 2}) end,
               'gradcheck: no input requires grad')
end)

check.done()
