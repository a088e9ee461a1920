-- tostring(t): the values in aligned columns, summarized with ... when large, then [Tensor dtype sizes].
local check = require 'support.check'
local tensor = require 'tensor'

check.test('matrices, vectors and scalars', function()
  check.equal(tostring(tensor{{1, 2, 3}, {4, 5, 6}}), '1 2 3\n4 5 6\n[Tensor float32 2x3]')
  check.equal(tostring(tensor{0.5, 1.25}), '0.5000 1.2500\n[Tensor float32 2]')
  check.equal(tostring(tensor{-1, 10}), '-1 10\n[Tensor float32 2]')
  check.equal(tostring(tensor(2.5)), '2.5000\n[Tensor float32 scalar]')
  check.equal(tostring(tensor({7, 8}, {dtype = 'int64'})), '7 8\n[Tensor int64 2]')
  check.equal(tostring(tensor{true, false}), ' true false\n[Tensor bool 2]')
  check.equal(tostring(tensor.zeros(0, 3)), '[]\n[Tensor float32 0x3]')
end)

check.test('3-dimensional tensors print their matrices with 1-based slice labels', function()
  check.equal(tostring(tensor.arange(8):reshape(2, 2, 2)),
    '(1,.,.) =\n0 1\n2 3\n\n(2,.,.) =\n4 5\n6 7\n\n[Tensor int64 2x2x2]')
end)

check.test('large tensors are summarized with ...', function()
  local text = tostring(tensor.arange(2000):reshape(40, 50))
  local lines = {}
  for line in text:gmatch('[^\n]+') do lines[#lines + 1] = line end
  check.equal(#lines, 8)
  check.equal(lines[1], '   0    1    2 ...   47   48   49')
  check.equal(lines[4], ' ...')
  check.equal(lines[7], '1950 1951 1952 ... 1997 1998 1999')
  check.equal(lines[8], '[Tensor int64 40x50]')
  check.truthy(#tostring(tensor.zeros(1000000)) < 200, 'a million elements print in a few characters')
end)

check.done()
