-- lunette.experiment: the command line of the course scripts, where the full data are, the final check.
local check = require 'support.check'
local experiment = require 'lunette.experiment'

check.test('the quick default writes into out/<name>', function()
  local run = experiment.setup('demo', {})
  check.equal(run.full, false)
  check.equal(run.output, 'out/demo')
  check.equal(run.data, nil)
end)

check.test('an output folder and --full in either order', function()
  local run = experiment.setup('demo', {'--full', '/tmp/somewhere'})
  check.equal(run.full, true)
  check.equal(run.output, '/tmp/somewhere')
  run = experiment.setup('demo', {'elsewhere', '--full'})
  check.equal(run.full, true)
  check.equal(run.output, 'elsewhere')
end)

check.test('unknown options and a second folder are errors that show the usage', function()
  check.raises(function() experiment.setup('demo', {'--fast'}) end,
    "unexpected argument '--fast'; usage: lunette run scripts/demo.lua [--full] [output folder]")
  check.raises(function() experiment.setup('demo', {'a', 'b'}) end, "unexpected argument 'b'")
end)

check.test('a data set found nowhere names the places searched', function()
  local message = check.raises(function() experiment.full_data('no-such-set') end,
    "--full needs the full data set 'no-such-set', not found in ")
  check.truthy(message:find('set LUNETTE_DATA to the folder of the full data sets', 1, true), message)
  check.truthy(message:find('shared/data', 1, true), message)
end)

check.test('folder names the embedded subset in a quick run, the full set with --full', function()
  local quick = experiment.setup('demo', {}).folder('images')
  check.truthy(quick:match('data/images$'), quick)
  local file = io.open(quick .. '/astronaut.png', 'rb')
  check.truthy(file, 'no embedded photograph in ' .. quick)
  file:close()
  local run = experiment.setup('demo', {'--full'})
  run.data = '/full/sets'
  check.equal(run.folder('images'), '/full/sets/images')
end)

check.test('print_settings prints one aligned line a setting, in name order', function()
  local printed, print_ = {}, print
  print = function(line) printed[#printed + 1] = line end
  experiment.print_settings {seed = 7, batch_size = 32, full = false}
  print = print_
  check.equal(table.concat(printed, '|'), 'batch_size  32|full        false|seed        7')
end)

check.test('check passes quietly on success and raises with the line of the call on failure', function()
  experiment.check(true, 'accuracy %.2f >= %.2f', 0.98, 0.97)
  local line = debug.getinfo(1, 'l').currentline + 1
  local message = check.raises(function() experiment.check(0.5 >= 0.97, 'accuracy %.2f >= %.2f', 0.5, 0.97) end,
    'outcome check failed: accuracy 0.50 >= 0.97')
  check.truthy(message:find(':' .. line .. ':', 1, true), message)
end)

check.done()
