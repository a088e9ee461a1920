-- The tuner module: hyperparameters, Keras Tuner's Hyperband schedule and objective directions,
-- searches that resume, repeat with a seed and survive failing and interrupted trials, results and
-- charts; and the lunette functions it stands on (clock, folders, atomic writes, locks).
local check = require 'support.check'
local models = require 'support.tuner_models'
local lunette = require 'lunette'
local tuner = require 'tuner'
local records = require 'tuner.records'
local oracles = require 'tuner.oracles'
local nn, image = require 'nn', require 'image'

local scratch = require('support.scratch').new()
local folder = scratch.folder
lunette.mkdir(folder)
local x, y = models.data()
local validation = {x:narrow(1, 73, 24), y:narrow(1, 73, 24)}
local x_train, y_train = x:narrow(1, 1, 72), y:narrow(1, 1, 72)
local quiet = {epochs = 2, batch_size = 16, verbose = 0, validation_data = validation}

-- This file's folder, so that a second process finds the support modules too.
local tests = debug.getinfo(1, 'S').source:match('^@(.*)/[^/]*$') or '.'

-- Runs Lua `code` in a second lunette process; returns its output. /proc/$PPID/exe is this program,
-- since the shell io.popen starts is its child.
local function run_process(code)
  local path = folder .. '/child.lua'
  lunette.write_file(path, string.format('package.path = %q .. package.path\n', tests .. '/?.lua;') .. code)
  local pipe = assert(io.popen('"/proc/$PPID/exe" run ' .. path .. ' 2>&1'))
  local output = pipe:read('a')
  pipe:close()
  return output
end

local function statuses(search)
  local result = {}
  for i, trial in ipairs(search.project:index().trials) do result[i] = trial.status end
  return result
end

-- lunette's file functions --------------------------------------------------------------------------

check.test('lunette.clock is monotonic seconds', function()
  local a = lunette.clock()
  local b = lunette.clock()
  check.equal(math.type(a), 'float')
  check.truthy(b >= a, 'never goes back')
end)

check.test('lunette.mkdir, listdir, exists and write_file', function()
  local path = folder .. '/files/a/b'
  check.equal(lunette.mkdir(path), true)
  check.equal(lunette.mkdir(path), true, 'an existing folder is fine')
  lunette.write_file(folder .. '/files/a/z.txt', 'first')
  lunette.write_file(folder .. '/files/a/z.txt', 'with a \0 byte')
  local file = assert(io.open(folder .. '/files/a/z.txt', 'rb'))
  check.equal(file:read('a'), 'with a \0 byte', 'replaced whole, bytes as given')
  file:close()
  check.same(lunette.listdir(folder .. '/files/a'), {'b', 'z.txt'}, 'sorted, no temporary files left')
  check.equal(lunette.exists(folder .. '/files/a'), 'directory')
  check.equal(lunette.exists(folder .. '/files/a/z.txt'), 'file')
  check.equal(lunette.exists(folder .. '/files/missing'), false)
  records.remove_tree(folder .. '/files')
  check.equal(lunette.exists(folder .. '/files'), false)
end)

check.test("lunette's file functions refuse bad paths with clear errors", function()
  check.raises(function() lunette.mkdir('') end, 'lunette.mkdir: argument #1 is an empty path')
  check.raises(function() lunette.listdir('a\0b') end, 'lunette.listdir: argument #1 contains a NUL byte')
  check.raises(function() lunette.exists(3) end, 'lunette.exists: argument #1 expected a string, got number')
  check.raises(function() lunette.listdir(folder .. '/missing') end, "cannot list '" .. folder .. "/missing': No such file or directory")
  check.raises(function() lunette.write_file(folder .. '/missing/x', 'text') end, "the folder '" .. folder .. "/missing' does not exist")
  check.raises(function() lunette.write_file(folder .. '/x', {}) end, 'argument #2 expected a string')
  lunette.write_file(folder .. '/plain', 'x')
  check.raises(function() lunette.mkdir(folder .. '/plain/sub') end, 'Not a directory')
  check.raises(function() lunette.lock(folder .. '/l', {timeout = -1}) end, "option 'timeout' must be a number of seconds")
  check.raises(function() lunette.lock(folder .. '/l', {wait = 1}) end, "unknown option 'wait'")
  check.raises(function() lunette.lock(folder .. '/missing/l') end, 'No such file or directory')
  os.remove(folder .. '/plain')
end)

check.test("lunette's file functions and the Lock class survive wrong arguments", function()
  local bad = {n = 9, nil, true, 3, 0 / 0, {}, '', 'a\0b', print, x}
  local calls = 0
  for _, name in ipairs {'mkdir', 'listdir', 'exists', 'write_file', 'lock'} do
    for i = 1, bad.n do
      for j = 1, bad.n do
        local ok, message = pcall(lunette[name], bad[i], bad[j])
        check.truthy(not ok and type(message) == 'string' and message:find('lunette.' .. name, 1, true),
          string.format('lunette.%s(#%d, #%d): %s', name, i, j, tostring(message)))
        calls = calls + 1
      end
    end
  end
  local lock = lunette.lock(folder .. '/walk.lock')
  local methods = lunette.classes().Lock
  for name, method in pairs(methods) do
    for i = 1, bad.n do
      check.truthy(not pcall(method, bad[i]), 'Lock:' .. name .. ' refuses a wrong self')
      calls = calls + 1
    end
  end
  lock:unlock()
  lock:unlock()
  check.equal(lock:held(), false)
  check.truthy(tostring(lock):find('released', 1, true))
  os.remove(folder .. '/walk.lock')
  print(string.format('     %d calls', calls))
end)

check.test('lunette.lock excludes a second holder, here and in another process, until unlocked or collected', function()
  local path = folder .. '/test.lock'
  local lock = lunette.lock(path)
  local again, message = lunette.lock(path, {timeout = 0.05})
  check.equal(again, nil)
  check.truthy(message:find('is locked by another holder', 1, true), message)
  local code = string.format([[
    local lunette = require 'lunette'
    local lock, message = lunette.lock(%q, {timeout = 0.2})
    print(lock and 'taken' or message)
  ]], path)
  check.truthy(run_process(code):find('is locked by another holder', 1, true), 'the other process waits, then gives up')
  lock:unlock()
  check.equal(run_process(code), 'taken\n')
  lock = lunette.lock(path, {timeout = 0})
  check.truthy(lock:held())
  lock = nil
  collectgarbage()
  collectgarbage()
  check.truthy(lunette.lock(path, {timeout = 0}), 'the collector released it')
  os.remove(path)
end)

-- Records -------------------------------------------------------------------------------------------

check.test('records read back equal: integers and floats, NaN and infinities, any text', function()
  local value = {1, 2.0, 0.1, -1 / 0, 1 / 0, 'quote " and\nnewline', true, {nested = {deep = 3}}, ['with space'] = 1e-300}
  local path = folder .. '/record.lua'
  records.write(path, value)
  local back = records.read(path)
  check.equal(math.type(back[1]), 'integer')
  check.equal(math.type(back[2]), 'float')
  check.equal(back[3], 0.1)
  check.equal(back[4], -math.huge)
  check.equal(back[5], math.huge)
  check.equal(back[6], value[6])
  check.equal(back[8].nested.deep, 3)
  check.equal(back['with space'], 1e-300)
  records.write(path, {0 / 0})
  local nan = records.read(path)[1]
  check.truthy(nan ~= nan, 'NaN')
  lunette.write_file(path, 'return {os.exit()}')
  check.raises(function() records.read(path) end, 'is damaged')
  check.equal(records.read(folder .. '/none.lua'), nil)
  os.remove(path)
end)

-- Hyperparameters -----------------------------------------------------------------------------------

check.test('hp gives defaults, fixed values and checks its arguments', function()
  local hp = tuner.HyperParameters {units = 64}
  check.equal(hp:Int('units', 32, 256, {step = 32}), 64)
  check.equal(hp:Int('layers', 1, 5), 1)
  check.equal(hp:Float('lr', 1e-4, 1e-2, {sampling = 'log', default = 1e-3}), 1e-3)
  check.equal(hp:Choice('optimizer', {'adam', 'sgd'}), 'adam')
  check.equal(hp:Boolean('dropout'), false)
  check.equal(hp:Fixed('batch', 32), 32)
  check.equal(hp:get('units'), 64)
  check.equal(hp.values.optimizer, 'adam')
  check.equal(hp:Int('units', 32, 256, {step = 32}), 64, 'asked again: the same value')
  check.raises(function() hp:Int('units', 1, 2) end, "hyperparameter 'units' is declared twice with different settings")
  check.raises(function() hp:Int('a', 5, 1) end, "hp:Int('a'): min 5 is above max 1")
  check.raises(function() hp:Int('b', 1, 2.5) end, "hp:Int('b'): max must be an integer, got 2.5")
  check.raises(function() hp:Float('c', 0, 1, {sampling = 'log'}) end, 'log sampling needs min > 0')
  check.raises(function() hp:Float('d', 0, 1, {sampling = 'cubic'}) end, "sampling must be 'linear' or 'log'")
  check.raises(function() hp:Int('e', 1, 9, {steps = 2}) end, "unknown option 'steps'")
  check.raises(function() hp:Choice('f', {}) end, 'values must be a non-empty list')
  check.raises(function() hp:Choice('g', {1, 'a'}) end, 'all numbers, all strings or all booleans')
  check.raises(function() hp:get('nothing') end, "no hyperparameter 'nothing'")
end)

check.test('conditional hyperparameters are asked only under their parent value', function()
  local function build(hp)
    local kind = hp:Choice('kind', {'dense', 'conv'})
    hp:conditional_scope('kind', {'conv'}, function() hp:Int('filters', 8, 64, {step = 8}) end)
    hp:Int('units', 4, 8, {parent_name = 'kind', parent_values = {'dense'}})
    return kind
  end
  local dense = tuner.HyperParameters()
  build(dense)
  check.same(dense.values, {kind = 'dense', units = 4})
  local conv = tuner.HyperParameters {kind = 'conv', filters = 16}
  build(conv)
  check.same(conv.values, {kind = 'conv', filters = 16})
  check.raises(function() tuner.HyperParameters():conditional_scope('nothing', {1}, print) end, 'must be declared first')
end)

check.test('sampling stays on the range and its steps; log sampling spreads over the magnitudes', function()
  local hyperparameters = require 'tuner.hyperparameters'
  local stepped = {type = 'Int', name = 'n', min = 32, max = 256, step = 32, sampling = 'linear'}
  local log = {type = 'Int', name = 'n', min = 1, max = 1000, sampling = 'log'}
  local linear = {type = 'Int', name = 'n', min = 1, max = 1000, sampling = 'linear'}
  local below = {log = 0, linear = 0}
  for i = 0, 1999 do
    local u = (i + 0.5) / 2000
    local value = hyperparameters.sample(stepped, u)
    check.truthy(value >= 32 and value <= 256 and value % 32 == 0, value)
    if hyperparameters.sample(log, u) < 32 then below.log = below.log + 1 end
    if hyperparameters.sample(linear, u) < 32 then below.linear = below.linear + 1 end
  end
  -- log-uniform on [1, 1000]: half the mass lies below sqrt(1000) ≈ 31.6; uniform: 3.1%.
  check.near(below.log / 2000, 0.5, 0.02)
  check.near(below.linear / 2000, 31 / 1000, 0.002)
  check.same(hyperparameters.grid {type = 'Float', name = 'lr', min = 1e-4, max = 1e-2, step = 10, sampling = 'log'},
    {1e-4, 1e-3, 1e-2}, 1e-12)
end)

-- Keras Tuner's arithmetic --------------------------------------------------------------------------

-- Made by Tests/TunerFixtures/make_hyperband_reference.py with Keras Tuner itself.
local reference = dofile(tests .. '/../TunerFixtures/hyperband_reference.lua')

check.test("Hyperband's trials, brackets, epochs and promotions equal Keras Tuner's", function()
  for _, case in ipairs(reference.hyperband) do
    local oracle = oracles.hyperband(case.max_epochs, case.factor, case.hyperband_iterations)
    local index = {trials = {}, space = {}}
    local context = {seed = 1, direction = case.direction}
    while true do
      local step = oracle:next(index, context)
      if type(step) ~= 'table' then
        check.equal(step, 'stop')
        break
      end
      local n = #index.trials + 1
      local expected = case.trials[n]
      local where = string.format('max_epochs %d, factor %d, trial %d', case.max_epochs, case.factor, n)
      check.truthy(expected, where .. ': Keras Tuner stops before it')
      check.equal(step.id, n)
      for _, key in ipairs {'bracket', 'round', 'epochs', 'initial_epoch', 'parent'} do
        check.equal(step.budget[key], expected[key], where .. ' ' .. key)
      end
      step.status, step.score = 'COMPLETED', (n * 7) % 23 + n / 100     -- the script's made-up scores
      index.trials[n] = step
    end
    check.equal(#index.trials, #case.trials, 'as many trials as Keras Tuner')
  end
  -- One iteration's brackets from the same arithmetic, for max_epochs 10 and 27 (factor 3).
  local sizes = {}
  for _, bracket in ipairs(tuner.hyperband_brackets(27, 3)) do
    for _, round in ipairs(bracket.rounds) do sizes[#sizes + 1] = round.size .. 'x' .. round.epochs end
  end
  check.equal(table.concat(sizes, ' '), '27x1 9x3 3x9 1x27 12x3 4x9 2x27 6x9 2x27 4x27')
  sizes = {}
  for _, bracket in ipairs(tuner.hyperband_brackets(10, 3)) do
    for _, round in ipairs(bracket.rounds) do sizes[#sizes + 1] = round.size .. 'x' .. round.epochs end
  end
  check.equal(table.concat(sizes, ' '), '12x2 4x4 2x10 6x4 2x10 4x10')
end)

check.test("objective directions are inferred as Keras Tuner infers them", function()
  for name, direction in pairs(reference.directions) do
    if name:match('r2') then
      check.equal(tuner.infer_direction(name), 'max', name .. ': higher R² is better (Keras Tuner says min)')
    else
      check.equal(tuner.infer_direction(name), direction or nil, name)
    end
  end
  check.same(tuner.Objective('kl', 'min'), {name = 'kl', direction = 'min'})
  check.raises(function() tuner.RandomSearch(models.build({}), {objective = 'kl', directory = folder}) end,
    "cannot tell whether 'kl' should be low or high")
  check.raises(function() tuner.Objective('loss', 'down') end, "the direction must be 'min' or 'max'")
end)

-- Searches ------------------------------------------------------------------------------------------

local function random_search(name, counter, options)
  local settings = {objective = 'val_accuracy', max_trials = 3, seed = 5, directory = folder, project_name = name}
  for key, value in pairs(options or {}) do settings[key] = value end
  return tuner.RandomSearch(models.build(counter, settings.extra), settings)
end

check.test('a search run again skips its finished trials and goes on', function()
  local counter = {}
  local search = random_search('resume', counter)
  search:search(x_train, y_train, quiet)
  check.equal(counter.builds, 3)
  local first = search:get_trial(2)
  local again = random_search('resume', counter, {max_trials = 5})
  again:search(x_train, y_train, quiet)
  check.equal(counter.builds, 5, 'only the two new trials ran')
  check.same(statuses(again), {'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED'})
  check.equal(again:get_trial(2).finished, first.finished, 'trial 2 was not run again')
  local fresh = random_search('resume', counter, {max_trials = 2, overwrite = true})
  fresh:search(x_train, y_train, quiet)
  check.equal(counter.builds, 7, 'overwrite starts afresh')
  check.equal(#fresh.project:index().trials, 2)
  check.raises(function() tuner.GridSearch(models.build({}), {objective = 'val_accuracy', directory = folder, project_name = 'resume'}) end,
    'holds a RandomSearch search of val_accuracy (max) with seed 5')
end)

check.test('the same seed gives the same trials; another seed other ones', function()
  local function run(name, seed)
    local search = random_search(name, {}, {seed = seed, max_trials = 4})
    search:search(x_train, y_train, quiet)
    local trials = {}
    for i = 1, 4 do
      local record = search:get_trial(i)
      trials[i] = {values = record.values, score = record.score}
    end
    return trials
  end
  local a, b, c = run('seed_a', 11), run('seed_b', 11), run('seed_c', 12)
  check.same(b, a, 1e-6)
  check.truthy(records.source(c) ~= records.source(a), 'seed 12 tries other values')
  local distinct = {}
  for _, trial in ipairs(a) do distinct[records.source(trial.values)] = true end
  local count = 0
  for _ in pairs(distinct) do count = count + 1 end
  check.equal(count, 4, 'no values are tried twice')
end)

check.test('a failing build or a diverging fit is recorded as failed and the search goes on', function()
  local function extra(hp)
    local mode = hp:Choice('mode', {'fine', 'broken', 'nan'})
    if mode == 'broken' then return nn.Conv2D(4, 3)(require('tensor').zeros(2, 4)) end
  end
  local counter = {}
  local search = tuner.GridSearch(function(hp)
    local model = models.build(counter, extra)(hp)
    if hp:get('mode') ~= 'nan' then return model end
    local bad = nn.Sequential {nn.Input {4}, nn.Lambda(function(t) return t * (0 / 0) end), nn.Dense(1, {activation = 'sigmoid'})}
    bad:compile {optimizer = 'adam', loss = 'binary_crossentropy', metrics = {'accuracy'}}
    return bad
  end, {objective = 'val_loss', directory = folder, project_name = 'failing', max_trials = 4})
  search:search(x_train, y_train, quiet)
  check.same(statuses(search), {'COMPLETED', 'FAILED', 'FAILED', 'COMPLETED'})
  local broken = search:get_trial(2)
  check.equal(broken.values.mode, 'broken')
  check.truthy(broken.message:find('Conv2D', 1, true), broken.message or 'no message')
  local diverged = search:get_trial(3).message
  check.truthy(diverged:find('the loss became NaN', 1, true), diverged)
  check.equal(#search:best_trials(), 2, 'failed trials are not ranked')
end)

check.test('too many failures in a row stop the search with the last message', function()
  local search = tuner.RandomSearch(function() error('no model today') end,
    {directory = folder, project_name = 'all_fail', max_trials = 10, seed = 1})
  check.raises(function() search:search(x_train, y_train, quiet) end, '3 trials failed in a row; the last, trial 3:')
  local missing = tuner.RandomSearch(models.build({}), {objective = 'val_auc', directory = folder, project_name = 'no_metric',
    max_trials = 1, seed = 1})
  missing:search(x_train, y_train, quiet)
  check.truthy(missing:get_trial(1).message:find("the objective 'val_auc' is not among the values fit logs (accuracy, loss, " ..
    'val_accuracy, val_loss)', 1, true), missing:get_trial(1).message)
end)

check.test('an interrupted search stops, and run again repeats only the interrupted trial', function()
  local counter, calls = {}, 0
  local stopper = {on_epoch_end = function()
    calls = calls + 1
    if calls == 5 then error('interrupted') end     -- what Ctrl-C raises, in trial 3
  end}
  local options = {epochs = 2, batch_size = 16, verbose = 0, validation_data = validation, callbacks = {stopper}}
  local search = random_search('interrupted', counter, {max_trials = 4})
  check.raises(function() search:search(x_train, y_train, options) end, 'interrupted')
  check.same(statuses(search), {'COMPLETED', 'COMPLETED', 'RUNNING'})
  local values = search:get_trial(3).values
  random_search('interrupted', counter, {max_trials = 4}):search(x_train, y_train, options)
  check.equal(counter.builds, 3 + 2, 'trial 3 again, then trial 4')
  check.same(statuses(search), {'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED'})
  check.equal(records.source(search:get_trial(3).values), records.source(values), 'the same trial')
end)

check.test('a trial whose process died is run again by the next search', function()
  local code = string.format([[
    local models = require 'support.tuner_models'
    local tuner = require 'tuner'
    local x, y = models.data()
    local search = tuner.RandomSearch(models.build({}), {objective = 'val_accuracy', max_trials = 3, seed = 5,
      directory = %q, project_name = 'killed'})
    local epochs = 0
    search:search(x:narrow(1, 1, 72), y:narrow(1, 1, 72), {epochs = 2, verbose = 0, validation_split = 0.25,
      callbacks = {{on_epoch_end = function() epochs = epochs + 1; if epochs == 3 then os.exit(3) end end}}})
  ]], folder)
  run_process(code)
  local counter = {}
  local search = random_search('killed', counter)
  check.same(statuses(search), {'COMPLETED', 'RUNNING'})
  search:search(x_train, y_train, {epochs = 2, verbose = 0, validation_split = 0.25})
  check.equal(counter.builds, 2, 'trial 2, left running by the dead process, and trial 3')
  check.same(statuses(search), {'COMPLETED', 'COMPLETED', 'COMPLETED'})
end)

check.test('two processes share one search: each trial runs once, in one of them', function()
  local function code(project)
    return string.format([[
      local models = require 'support.tuner_models'
      local tuner = require 'tuner'
      local x, y = models.data()
      local counter = {}
      local search = tuner.%s(models.build(counter), {objective = 'val_loss', seed = 3, directory = %q,
        project_name = %q, %s})
      search:search(x:narrow(1, 1, 72), y:narrow(1, 1, 72), {epochs = 3, verbose = 0, validation_split = 0.25})
      print('builds ' .. (counter.builds or 0))
    ]], project == 'shared_hyperband' and 'Hyperband' or 'RandomSearch', folder, project,
      project == 'shared_hyperband' and 'max_epochs = 3' or 'max_trials = 6')
  end
  for _, project in ipairs {'shared_random', 'shared_hyperband'} do
    local path = folder .. '/' .. project .. '.lua'
    lunette.write_file(path, string.format('package.path = %q .. package.path\n', tests .. '/?.lua;') .. code(project))
    -- Both started before either is read, so they run at the same time.
    local first = assert(io.popen('"/proc/$PPID/exe" run ' .. path .. ' 2>&1'))
    local second = assert(io.popen('"/proc/$PPID/exe" run ' .. path .. ' 2>&1'))
    local outputs = {first:read('a'), second:read('a')}
    first:close()
    second:close()
    local builds = 0
    for _, output in ipairs(outputs) do
      builds = builds + assert(tonumber(output:match('builds (%d+)')), output)
    end
    local kind = project == 'shared_hyperband' and 'Hyperband' or 'RandomSearch'
    local search = tuner[kind](models.build({}), {objective = 'val_loss', directory = folder, project_name = project})
    local trials = search.project:index().trials
    check.equal(builds, 6, project .. ': six trials built in all (Hyperband: brackets of 3 + 1 and 2)')
    check.same(statuses(search), {'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED'})
    for i, trial in ipairs(trials) do check.equal(trial.id, i) end
  end
end)

check.test('GridSearch lists the grid, last hyperparameter fastest, conditional ones only where they apply', function()
  local seen = {}
  local search = tuner.GridSearch(function(hp)
    local layers = hp:Choice('layers', {1, 2})
    local units = {hp:Int('units', 4, 8, {step = 4})}
    hp:conditional_scope('layers', {2}, function() units[2] = hp:Choice('second', {3, 5}) end)
    local built = {nn.Input {4}}
    for _, n in ipairs(units) do built[#built + 1] = nn.Dense(n, {activation = 'relu'}) end
    built[#built + 1] = nn.Dense(1, {activation = 'sigmoid'})
    local model = nn.Sequential(built)
    model:compile {optimizer = 'adam', loss = 'binary_crossentropy', metrics = {'accuracy'}}
    return model
  end, {objective = 'val_loss', directory = folder, project_name = 'grid'})
  search:search(x_train, y_train, quiet)
  for i, trial in ipairs(search.project:index().trials) do seen[i] = records.source(trial.values) end
  check.same(seen, {
    '{layers = 1, units = 4}', '{layers = 1, units = 8}',
    '{layers = 2, second = 3, units = 4}', '{layers = 2, second = 5, units = 4}',
    '{layers = 2, second = 3, units = 8}', '{layers = 2, second = 5, units = 8}',
  })
  check.raises(function()
    tuner.GridSearch(function(hp) hp:Float('lr', 0.1, 1) end, {directory = folder, project_name = 'grid_float'})
      :search(x_train, y_train, quiet)
  end, "Float 'lr' has no step")
end)

check.test('Hyperband trains promoted trials on from their parent weights, for the epochs Keras Tuner gives', function()
  local counter = {}
  local search = tuner.Hyperband(models.build(counter), {objective = 'val_loss', max_epochs = 3, factor = 3, seed = 2,
    directory = folder, project_name = 'hyperband'})
  search:search(x_train, y_train, {batch_size = 16, verbose = 0, validation_data = validation})
  local trials = search.project:index().trials
  check.equal(#trials, 6, 'brackets of 3 trials then 1, and of 2')
  local promoted = search:get_trial(4)
  check.same({promoted.budget.round, promoted.budget.epochs, promoted.budget.initial_epoch}, {1, 3, 1})
  check.same(promoted.epochs, {1, 2})     -- epochs 2 and 3 (0-based), after its parent's first
  local parent = search:get_trial(promoted.budget.parent)
  check.same(promoted.values, parent.values)
  for i = 1, 3 do check.truthy(trials[i].score >= parent.score, 'the best of round 0 goes on') end
  -- Started from the parent's weights, the first epoch's training loss is near the parent's last one,
  -- not near a fresh model's (whose first loss is the parent's first).
  local start, fresh = promoted.metrics.loss[1], parent.metrics.loss[1]
  check.truthy(start <= fresh, string.format('promoted trial starts at %.4f, below a fresh start %.4f', start, fresh))
end)

check.test('results: the best models carry their best epoch weights; summary, hyperparameters and charts', function()
  local search = random_search('results', {}, {objective = 'val_loss', max_trials = 3})
  search:search(x_train, y_train, {epochs = 3, batch_size = 16, verbose = 0, validation_data = validation})
  local best = search:best_trials(1)[1]
  local model = search:best_models(1)[1]
  local loss = model:evaluate(validation[1], validation[2], {verbose = 0})[1]
  check.near(loss, best.score, 1e-5, 'evaluating the best model gives its score')
  local hp = search:best_hyperparameters(1)[1]
  check.same(hp.values, best.values)
  check.equal(models.build({})(hp):count_params(), model:count_params(), 'the hyperparameters build the same model')
  local summary = search:results_summary(2)
  check.equal(#summary, 2)
  check.equal(summary[1].id, best.id)
  check.raises(function() search:get_trial(9) end, 'the project has no trial 9')
  local paths = search:plot(folder .. '/charts')
  check.same(paths, {folder .. '/charts/objective_by_trial.png', folder .. '/charts/objective_vs_units.png',
                     folder .. '/charts/objective_vs_activation.png'})
  for _, path in ipairs(paths) do
    local picture = image.load(path)
    check.same(picture:shape(), {480, 640, 3})
    check.truthy(picture:min():item() < 0.2, 'not blank')
  end
end)

check.test('executions_per_trial builds and fits each trial again; the score is the mean of their best epochs', function()
  local counter = {}
  local search = random_search('executions', counter, {objective = 'val_loss', max_trials = 1, executions_per_trial = 2})
  search:search(x_train, y_train, quiet)
  check.equal(counter.builds, 2)
  local record = search:get_trial(1)
  check.equal(#record.executions, 2)
  for _, execution in ipairs(record.executions) do
    local lowest = math.min(table.unpack(execution.metrics.val_loss))
    check.equal(execution.best, lowest, 'the best epoch of each execution')
  end
  check.equal(record.score, (record.executions[1].best + record.executions[2].best) / 2)
  check.truthy(record.executions[1].best ~= record.executions[2].best, 'each execution starts from other weights')
end)

check.test('the console shows the trials as Keras Tuner does', function()
  local path = folder .. '/console.txt'
  local code = string.format([[
    local models = require 'support.tuner_models'
    local tuner = require 'tuner'
    local x, y = models.data()
    local search = tuner.RandomSearch(models.build({}), {objective = 'val_accuracy', max_trials = 2, seed = 5,
      directory = %q, project_name = 'console'})
    search:search(x, y, {epochs = 1, validation_split = 0.25, verbose = 2})
  ]], folder)
  local output = run_process(code)
  check.truthy(output:find('Search: Running Trial #2 (2/2)', 1, true), output)
  check.truthy(output:find('Value             |Best Value So Far |Hyperparameter', 1, true), output)
  check.truthy(output:find('\n%d+ +|%d+ +|units\n'), output)
  check.truthy(output:find('Trial 2 Complete %[00h 00m %d%ds%]'), output)
  check.truthy(output:find('\nBest val_accuracy So Far: 0%.%d+'), output)
  check.truthy(output:find('Total elapsed time: 00h 00m %d%ds'), output)
end)

records.remove_tree(folder)
scratch:remove()
check.done()
