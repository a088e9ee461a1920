-- Wrong arguments and library errors arrive as Lua errors naming the function, the argument and the
-- offending values, with the script line; positions in messages count from 1.
local check = require 'support.check'
local tensor = require 'tensor'
local autograd = require 'autograd'

--- Runs f, which must fail on the line it is written on; checks the message carries that line.
local function fails_here(f, fragment)
  local line = debug.getinfo(2, 'l').currentline
  local message = check.raises(f, fragment)
  check.truthy(message:find('test_tensor_errors.lua:' .. line .. ': ', 1, true), 'no script line in: ' .. message)
  return message
end

check.test('argument types are named with the function and the argument number', function()
  local t = tensor{1, 2}
  fails_here(function() return tensor.zeros('x') end, 'tensor.zeros: argument #1 expected sizes (integers or a table of them), got string')
  fails_here(function() return tensor.zeros(2, 'x') end, 'tensor.zeros: argument #2 expected a table of options, got string')
  fails_here(function() return tensor.zeros({2, 'x'}) end, 'tensor.zeros: argument #1 element 2 expected an integer, got string')
  fails_here(function() return t:add('x') end, 'Tensor:add: argument #1 expected a Tensor or a number, got string')
  fails_here(function() return tensor.add(t, nil) end, 'tensor.add: argument #2 expected a Tensor or a number, got nil')
  fails_here(function() return tensor.exp(3) end, 'tensor.exp: argument #1 expected a Tensor, got number')
  fails_here(function() return t.exp(3) end, "Tensor:exp: expected a Tensor as self (call it with ':'), got number")
  fails_here(function() return t:softmax() end, 'Tensor:softmax: argument #1 expected an integer, got no value')
  fails_here(function() return t:sum(1.5) end, 'Tensor:sum: argument #1 expected an integer, got number')
  fails_here(function() return t:sum(1, 'yes') end, 'Tensor:sum: argument #2 expected a boolean, got string')
  fails_here(function() return tensor.cat({t, 5}) end, 'tensor.cat: argument #1 element 2 expected a Tensor, got number')
  fails_here(function() return t:pad({{1}}) end, 'Tensor:pad: argument #1 element 1 must hold two widths {before, after}, got 1')
  fails_here(function() return t:addmm(t, t, {betta = 1}) end, "Tensor:addmm: unknown option 'betta' (known options: 'alpha', 'beta')")
  fails_here(function() return tensor.no_grad(5) end, 'tensor.no_grad: argument #1 expected a function, got number')
  fails_here(function() return tensor('x') end, 'tensor: argument #1 expected a table of numbers (nested for more dimensions), a number or a Tensor, got string')
end)

check.test('library errors name the operation (by its Lua name) and the values', function()
  local m = tensor.zeros(2, 3)
  fails_here(function() return m:reshape(4, 2) end, 'reshape: cannot reshape a tensor of shape (2, 3) (6 elements) to (4, 2) (8 elements)')
  fails_here(function() return m:index_select(2, tensor({4}, {dtype = 'int64'})) end, 'index_select: index 4 out of range for dimension 2 of size 3')
  fails_here(function() return m:select(2, 4) end, 'select: index 4 out of range for dimension 2 of size 3')
  fails_here(function() return m:select(2, -4) end, 'select: index -4 out of range for dimension 2 of size 3')
  fails_here(function() return m:permute(1, 1) end, 'permute: dimension 1 appears twice in (1, 1)')
  fails_here(function() return m:item() end, 'item: needs a tensor with one element, got shape (2, 3)')
  fails_here(function() return tensor.cat({m, tensor.zeros(2, 2)}) end, 'cat: tensor 2 has shape (2, 2), which does not match (2, 3) outside dimension 1')
  fails_here(function() return m:log_softmax(3) end, 'log_softmax: dimension 3 out of range')
  fails_here(function() return tensor.zeros(2 ^ 40) end, 'zeros: cannot allocate a float32 tensor of shape (1099511627776): not enough memory')
  fails_here(function() return tensor.full({-1}, 0) end, 'full: sizes must not be negative, got [-1]')
  fails_here(function() return #tensor(1) end, 'size: a 0-dimensional tensor has no dimension 1')
end)

check.test('autograd errors', function()
  local x = tensor({1, 2}, {requires_grad = true})
  fails_here(function() (x * 2):backward() end, 'backward: output 1 has shape (2); a gradient is needed for outputs of more than one element')
  fails_here(function() tensor{1}:backward() end, 'backward: output 1 does not require grad')
  local y = tensor{3, 4}
  fails_here(function() return autograd.grad((x * 2):sum(), {x, y}) end, 'grad: input 2 does not require grad')
  local unused = tensor({1}, {requires_grad = true})
  fails_here(function() return autograd.grad((x * 2):sum(), {x, unused}) end, 'grad: input 2 was not used to compute the outputs (pass allow_unused = true to get nil for it)')
  local loss = (x * x):sum()
  loss:backward()
  fails_here(function() loss:backward() end, 'already freed by an earlier backward pass; pass retain_graph = true to the first one')
end)

check.done()
