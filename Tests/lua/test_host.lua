-- The host as scripts see it: arg, package.path, errors, the lunette module.
local check = require 'support.check'

check.test('arg holds the script and its arguments', function()
  check.truthy(arg[0]:find('test_host.lua', 1, true))
  check.equal(arg[-1], 'lunette')
end)

check.test('package.path has lib/ and the script folder', function()
  check.truthy(package.path:find('/lib/?.lua', 1, true), package.path)
  check.truthy(package.path:find('lua/?.lua', 1, true), package.path)
end)

check.test('the lunette module', function()
  local lunette = require 'lunette'
  check.equal(type(lunette.version), 'string')
  check.equal(type(lunette.classes()), 'table')
end)

check.done()
