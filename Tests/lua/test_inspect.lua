-- lunette.inspect, the pretty-printer behind the REPL. Expected texts are written by hand from the
-- rules in lib/lunette/inspect.lua's header.
local check = require 'support.check'
local inspect = require 'lunette.inspect'

check.test('plain values', function()
  check.equal(inspect(nil), 'nil')
  check.equal(inspect(true), 'true')
  check.equal(inspect(3), '3')
  check.equal(inspect(3.0), '3.0')
  check.equal(inspect(-0.5), '-0.5')
  check.equal(inspect('text'), '"text"')
end)

check.test('strings are quoted with escapes', function()
  check.equal(inspect('say "hi"\n\tback\\slash\1'), [["say \"hi\"\n\tback\\slash\001"]])
  check.equal(inspect('héllo'), '"héllo"', 'UTF-8 text is left readable')
end)

check.test('array part first, then keys sorted: numbers, strings, booleans', function()
  check.equal(inspect({1, 2, 3}), '{1, 2, 3}')
  check.equal(inspect({'a', 'b', z = 1, y = 2, [10] = 'ten', [2.5] = 'x', [true] = 0}),
    '{"a", "b", [2.5] = "x", [10] = "ten", y = 2, z = 1, [true] = 0}')
  check.equal(inspect({[1] = 'one', [3] = 'three'}), '{"one", [3] = "three"}', 'a hole ends the array part')
end)

check.test('keys that are not names are bracketed', function()
  check.equal(inspect({['two words'] = 1, ['end'] = 2, _ok = 3}), '{_ok = 3, ["end"] = 2, ["two words"] = 1}')
end)

check.test('empty and nested tables', function()
  check.equal(inspect({}), '{}')
  check.equal(inspect({a = {b = {c = {}}}}), '{a = {b = {c = {}}}}')
end)

check.test('a table containing itself shows <cycle>', function()
  local t = {name = 'root', child = {list = {1, 2, 3}}}
  t.child.parent = t
  check.equal(inspect(t), '{child = {list = {1, 2, 3}, parent = <cycle>}, name = "root"}')
  -- the same table twice, side by side, is not a cycle
  local shared = {1}
  check.equal(inspect({shared, shared}), '{{1}, {1}}')
end)

check.test('depth is limited', function()
  local deep = {a = {b = {c = {d = {e = 1}}}}}
  check.equal(inspect(deep), '{a = {b = {c = {d = {...}}}}}')
  check.equal(inspect(deep, {depth = 2}), '{a = {b = {...}}}')
end)

check.test('long tables are truncated with a count', function()
  local numbers = {}
  for i = 1, 12 do numbers[i] = i end
  check.equal(inspect(numbers, {items = 5}), '{1, 2, 3, 4, 5, ... (7 more)}')
  local strings = inspect(string.rep('x', 10), {chars = 4})
  check.equal(strings, '"xxxxxxxxxx"', 'a string at top level is shown whole')
  check.equal(inspect({string.rep('x', 10)}, {chars = 4}), '{"xxxx"... (6 more bytes)}')
end)

check.test('a truncated table shows its first keys in order', function()
  local scrambled = {}
  -- i * 7919 runs through every residue mod 200 (gcd 1); 79 * 7919 and 158 * 7919 leave 1 and 2
  for i = 1, 200 do scrambled[string.format('k%03d', (i * 7919) % 200)] = i end
  scrambled[1], scrambled[2] = 'first', 'second'
  check.equal(inspect(scrambled, {items = 5}), '{"first", "second", k000 = 200, k001 = 79, k002 = 158, ... (197 more)}')
end)

check.test('wide tables span lines, indented two spaces per level', function()
  local a, b, c = string.rep('a', 30), string.rep('b', 30), string.rep('c', 30)
  check.equal(inspect({alpha = a, beta = {first = b, second = c}}),
    '{\n' ..
    '  alpha = "' .. a .. '",\n' ..
    '  beta = {\n' ..
    '    first = "' .. b .. '",\n' ..
    '    second = "' .. c .. '"\n' ..
    '  }\n' ..
    '}')
  -- numbers of a long array share lines up to the width
  local numbers = {}
  for i = 1, 30 do numbers[i] = 100 + i end
  check.equal(inspect(numbers, {width = 30}),
    '{\n' ..
    '  101, 102, 103, 104, 105, 106,\n' ..
    '  107, 108, 109, 110, 111, 112,\n' ..
    '  113, 114, 115, 116, 117, 118,\n' ..
    '  119, 120, 121, 122, 123, 124,\n' ..
    '  125, 126, 127, 128, 129, 130\n' ..
    '}')
end)

check.test('__tostring is used, and its failure reported', function()
  local shown = setmetatable({}, {__tostring = function() return 'Shown' end})
  check.equal(inspect(shown), 'Shown')
  check.equal(inspect({x = shown}), '{x = Shown}')
  local broken = setmetatable({}, {__tostring = function() error('no text', 0) end})
  check.equal(inspect(broken), '<table: __tostring failed: no text>')
  -- a multi-line text is indented with its table
  local lines = setmetatable({}, {__tostring = function() return 'first\nsecond' end})
  check.equal(inspect({long = string.rep('z', 70), m = lines}),
    '{\n  long = "' .. string.rep('z', 70) .. '",\n  m = first\n  second\n}')
end)

check.test('no other metamethod runs', function()
  local touched = false
  local function touch() touched = true; error('metamethod ran') end
  local guarded = setmetatable({1, 2, key = 'v'}, {__index = touch, __newindex = touch, __pairs = touch,
                                                 __len = touch, __eq = touch, __lt = touch, __metatable = 'locked'})
  check.equal(inspect(guarded), '{1, 2, key = "v"}')
  check.equal(touched, false)
end)

check.test('functions, userdata and threads show their type and address', function()
  check.truthy(inspect(print):match('^function: 0x%x+$'), inspect(print))
  check.truthy(inspect(io.stdout):match('^file %(0x%x+%)$'), inspect(io.stdout))
  check.truthy(inspect(coroutine.create(print)):match('^thread: 0x%x+$'))
end)

check.test('options are checked', function()
  check.raises(function() inspect({}, 'deep') end, 'inspect: options must be a table, got string')
  check.raises(function() inspect({}, {dpeth = 2}) end, "inspect: unknown option 'dpeth'")
  check.raises(function() inspect({}, {depth = -1}) end, "inspect: option 'depth' must be a non-negative integer, got -1")
  check.raises(function() inspect({}, {items = 2.5}) end, "inspect: option 'items' must be a non-negative integer, got 2.5")
end)

check.done()
