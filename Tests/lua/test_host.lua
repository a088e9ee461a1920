-- The host as scripts see it: arg, package.path, errors, the lunette module.
local check = require 'support.check'

check.test('arg holds the script and its arguments', function()
  check.truthy(arg[0]:find('test_host.lua', 1, true))
  check.equal(arg[-1], 'lunette')
end)

check.test("lib/'s modules load from lib/ only; package.path has the script folder", function()
  check.truthy(package.path:find('lua/?.lua', 1, true), package.path)
  local loader, path = package.searchers[2]('ml.kmeans')
  check.equal(type(loader), 'function')
  check.truthy(path:find('/lib/ml/kmeans.lua', 1, true), path)
  check.equal(package.searchers[2]('support.check'), nil, 'other modules are left to the other searchers')
  check.raises(function() require 'lunette.missing' end, "module 'lunette.missing' is not in Lunette's library")
end)

check.test('the lunette module', function()
  local lunette = require 'lunette'
  check.equal(type(lunette.version), 'string')
  check.equal(type(lunette.classes()), 'table')
end)

check.done()
