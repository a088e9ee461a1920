-- tuner: hyperparameter search with Keras Tuner's API.
--
--   local tuner = require 'tuner'
--   local function build(hp)
--     local model = nn.Sequential {nn.Input {784}, nn.Dense(hp:Int('units', 32, 256, {step = 32}), {activation = 'relu'}),
--                                  nn.Dense(10, {activation = 'softmax'})}
--     model:compile {optimizer = optim.Adam {learning_rate = hp:Float('lr', 1e-4, 1e-2, {sampling = 'log'})},
--                    loss = 'categorical_crossentropy', metrics = {'accuracy'}}
--     return model
--   end
--   local search = tuner.RandomSearch(build, {objective = 'val_accuracy', max_trials = 10, seed = 1,
--                                             directory = 'out', project_name = 'mnist'})
--   search:search(x, y, {epochs = 3, validation_split = 0.2})
--   search:results_summary()
--   local model = search:best_models(1)[1]
--
-- Tuners: RandomSearch, GridSearch, Hyperband (max_epochs, factor = 3, hyperband_iterations = 1).
-- Options: objective (a metric name, or tuner.Objective(name, 'min' | 'max')), max_trials (10 for
-- RandomSearch; GridSearch tries the whole grid),
-- executions_per_trial = 1, seed, directory = '.', project_name = 'untitled_project',
-- overwrite = false, max_consecutive_failed_trials = 3.
--
-- Every trial is recorded in directory/project_name/trial_NNN/trial.lua when it starts and when it
-- ends, with the best epoch's weights beside it; index.lua, changed only under index.lock, lists the
-- trials. So a search run again goes on where it stopped, and several processes can work on one
-- project at once. A trial whose build or fit fails is recorded as FAILED with its message and the
-- search goes on; an interrupt (Ctrl-C) stops the search, and the trial it stopped runs again next time.
local lunette = require 'lunette'
local tensor = require 'tensor'
local display = require 'tuner.display'
local hyperparameters = require 'tuner.hyperparameters'
local objective_module = require 'tuner.objective'
local oracles = require 'tuner.oracles'
local random = require 'tuner.random'
local records = require 'tuner.records'

local tuner = {
  Objective = objective_module.new,
  infer_direction = objective_module.infer_direction,
  hyperband_brackets = oracles.hyperband_brackets,
  oracles = oracles,
  records = records,
}

--- An hp object outside a search, to try a build function: fixed values by name, the rest defaults.
function tuner.HyperParameters(values)
  return hyperparameters.new(values)
end

local Tuner = {}
Tuner.__index = Tuner

local common_options = {
  hypermodel = true, objective = true, max_trials = true, executions_per_trial = true, seed = true, directory = true,
  project_name = true, overwrite = true, max_consecutive_failed_trials = true,
}

local function positive_integer(options, key, what)
  local value = options[key]
  if value ~= nil and (math.type(value) ~= 'integer' or value < 1) then
    error(string.format('%s: %s must be a positive integer, got %s', what, key, tostring(value)), 4)
  end
  return value
end

local function new_tuner(kind, oracle, hypermodel, options, extra)
  if type(hypermodel) == 'table' and options == nil then hypermodel, options = hypermodel.hypermodel, hypermodel end
  options = options or {}
  hypermodel = hypermodel or options.hypermodel
  if type(hypermodel) ~= 'function' then
    error(string.format('tuner.%s: expected a build function (hp -> compiled model), got %s', kind, type(hypermodel)), 3)
  end
  for key in pairs(options) do
    if not common_options[key] and not (extra and extra[key]) then
      error(string.format("tuner.%s: unknown option '%s'", kind, tostring(key)), 3)
    end
  end
  if options.seed ~= nil and math.type(options.seed) ~= 'integer' then
    error(string.format('tuner.%s: seed must be an integer, got %s', kind, tostring(options.seed)), 3)
  end
  local self = setmetatable({
    kind = kind, oracle = oracle, hypermodel = hypermodel,
    objective = objective_module.new(options.objective or 'val_loss'),
    max_trials = positive_integer(options, 'max_trials', 'tuner.' .. kind),
    executions_per_trial = positive_integer(options, 'executions_per_trial', 'tuner.' .. kind) or 1,
    max_consecutive_failed_trials = positive_integer(options, 'max_consecutive_failed_trials', 'tuner.' .. kind) or 3,
    directory = options.directory or '.', project_name = options.project_name or 'untitled_project',
  }, Tuner)
  self.project = records.project(self.directory, self.project_name, options.overwrite)
  -- The project remembers what search it holds, so that a run again continues that search.
  self.seed = self.project:update(function(index)
    if index.tuner == nil then
      index.tuner, index.objective = kind, self.objective
      index.seed = options.seed or random.hash(os.time(), math.floor(lunette.clock() * 1e6)) & 0x7fffffff
      return true, index.seed
    end
    local same = index.tuner == kind and index.objective.name == self.objective.name and
      index.objective.direction == self.objective.direction and (options.seed == nil or options.seed == index.seed)
    if not same then
      error(string.format("tuner.%s: the project '%s' holds a %s search of %s (%s) with seed %d; use another " ..
        'project_name, or overwrite = true to start again', kind, self.project.path, index.tuner, index.objective.name,
        index.objective.direction, index.seed), 0)
    end
    return false, index.seed
  end)
  return self
end

function tuner.RandomSearch(hypermodel, options)
  local self = new_tuner('RandomSearch', oracles.random(), hypermodel, options)
  self.max_trials = self.max_trials or 10     -- Keras Tuner's default: random values never run out
  return self
end

function tuner.GridSearch(hypermodel, options)
  return new_tuner('GridSearch', oracles.grid(), hypermodel, options)
end

function tuner.Hyperband(hypermodel, options)
  if type(hypermodel) == 'table' and options == nil then options = hypermodel end
  options = options or {}
  local max_epochs, factor = options.max_epochs or 100, options.factor or 3
  local iterations = options.hyperband_iterations or 1
  if math.type(max_epochs) ~= 'integer' or max_epochs < 1 then error('tuner.Hyperband: max_epochs must be a positive integer', 2) end
  if math.type(factor) ~= 'integer' or factor < 2 then error('tuner.Hyperband: factor must be an integer of at least 2', 2) end
  if math.type(iterations) ~= 'integer' or iterations < 1 then error('tuner.Hyperband: hyperband_iterations must be a positive integer', 2) end
  local self = new_tuner('Hyperband', oracles.hyperband(max_epochs, factor, iterations), hypermodel, options,
    {max_epochs = true, factor = true, hyperband_iterations = true})
  self.max_epochs = max_epochs
  return self
end

-- Trials ---------------------------------------------------------------------------------------------

local function copy(t)
  local result = {}
  for key, value in pairs(t or {}) do result[key] = value end
  return result
end

function Tuner:_running_lock(id)
  return self.project:trial_folder(id) .. '/running.lock'
end

-- The whole space, found by building with default values and again with each choice that opens a
-- conditional scope (GridSearch lists its points from it).
function Tuner:_discover()
  local space, named, pending, tried = {}, {}, {{}}, {['{}'] = true}
  for _ = 1, 100 do
    local fixed = table.remove(pending, 1)
    if not fixed then break end
    local hp = hyperparameters.new(fixed)
    pcall(self.hypermodel, hp)
    for _, definition in ipairs(hp.space) do
      if not named[definition.name] then
        named[definition.name] = true
        space[#space + 1] = definition
      end
    end
    for _, condition in ipairs(hp.unexplored) do
      for _, value in ipairs(condition.values) do
        local values = copy(hp.values)
        values[condition.parent] = value
        local key = records.source(values)
        if not tried[key] then
          tried[key] = true
          pending[#pending + 1] = values
        end
      end
    end
  end
  return space
end

-- Under the index's lock: a trial left RUNNING by a process that has ended (its lock is free), else
-- the oracle's next trial, recorded as RUNNING. Returns the description, or 'stop' / 'wait'.
function Tuner:_claim()
  return self.project:update(function(index)
    for _, trial in ipairs(index.trials) do
      if trial.status == 'RUNNING' then
        local lock = lunette.lock(self:_running_lock(trial.id), {timeout = 0})
        if lock then
          self.running_lock = lock
          return false, {trial, index}
        end
      end
    end
    local context = {seed = index.seed, direction = self.objective.direction, max_trials = self.max_trials,
                     discover = function() return self:_discover() end}
    local step, why = self.oracle:next(index, context)
    if type(step) ~= 'table' then return false, {step, index, why} end
    step.status = 'RUNNING'
    self.project:write_trial(step)
    self.running_lock = assert(lunette.lock(self:_running_lock(step.id), {timeout = 0}))
    index.trials[#index.trials + 1] = step
    return true, {step, index}
  end)
end

function Tuner:_best(index, count)
  local completed = {}
  for _, trial in ipairs(index.trials) do
    if trial.status == 'COMPLETED' then completed[#completed + 1] = trial end
  end
  local direction = self.objective.direction
  table.sort(completed, function(a, b)
    if a.score ~= b.score then return objective_module.better(direction, a.score, b.score) end
    return a.id < b.id
  end)
  while count and #completed > count do completed[#completed] = nil end
  return completed
end

local function plain_lists(history)
  local lists = {}
  for name, values in pairs(history) do
    if type(values) == 'table' then lists[name] = copy(values) end
  end
  return lists
end

-- Builds and fits the trial's model(s); returns what the record gets. `state.hp` keeps the values
-- asked so far, for the record of a trial that fails.
function Tuner:_fit(description, x, y, fit_options, state)
  local name, direction = self.objective.name, self.objective.direction
  local folder = self.project:trial_folder(description.id)
  local budget = description.budget
  local best_value, executions = nil, {}
  local draw
  if description.draw then
    draw = function(definition) return oracles.draw(definition, self.seed, description.id, description.draw.attempt) end
  end
  for execution = 1, self.executions_per_trial do
    -- Seeded weights and shuffles, so a trial run again gives the same result.
    tensor.manual_seed(random.hash(self.seed, description.id, execution) & 0x7fffffff)
    local hp = hyperparameters.new(description.values, draw)
    state.hp = hp
    local model = self.hypermodel(hp)
    if execution == 1 and state.show then state.show(hp) end
    if type(model) ~= 'userdata' or not pcall(function() return model.fit end) then
      error('the build function must return a compiled model, got ' .. (model == nil and 'nil' or tostring(model)), 0)
    end
    if budget and budget.parent then
      model:load_weights(self.project:trial_folder(budget.parent) .. '/checkpoint.safetensors')
    end
    local run = {}
    local options = copy(fit_options)
    options.callbacks = copy(fit_options.callbacks)
    options.callbacks[#options.callbacks + 1] = {on_epoch_end = function(epoch, logs)
      local value = logs[name]
      if value == nil then
        local logged = {}
        for key in pairs(logs) do logged[#logged + 1] = key end
        table.sort(logged)
        error(string.format("the objective '%s' is not among the values fit logs (%s); give validation data or the " ..
          'metric to compile', name, table.concat(logged, ', ')), 0)
      end
      if value ~= value then return end
      if objective_module.better(direction, value, run.best) then run.best, run.epoch = value, epoch end
      -- Only the best epoch over all executions is kept, as Keras Tuner does.
      if objective_module.better(direction, value, best_value) then
        best_value = value
        model:save_weights(folder .. '/checkpoint.safetensors')
      end
    end}
    if budget then options.epochs, options.initial_epoch = budget.epochs, budget.initial_epoch end
    local history
    if y == nil then history = model:fit(x, options) else history = model:fit(x, y, options) end
    if run.best == nil then
      local losses = history.history.loss or {}
      local diverged = #losses > 0 and losses[#losses] ~= losses[#losses]
      error(string.format("the objective '%s' was NaN in every epoch: the training diverged%s", name,
        diverged and ' (the loss became NaN)' or ''), 0)
    end
    executions[execution] = {metrics = plain_lists(history.history), epochs = copy(history.epoch),
                             best = run.best, best_epoch = run.epoch}
  end
  local sum = 0
  for _, execution in ipairs(executions) do sum = sum + execution.best end
  -- The first execution's history; all of them when there are several.
  return {score = sum / #executions, metrics = executions[1].metrics, epochs = executions[1].epochs,
          best_epoch = executions[1].best_epoch, executions = #executions > 1 and executions or nil,
          weights = 'checkpoint.safetensors'}
end

local function is_interrupt(message)
  return message:match('interrupted$') ~= nil or message:find('training interrupted', 1, true) ~= nil
end

-- Runs one trial and records how it ended. An interrupt is raised again after the trial's lock is
-- released: the trial stays RUNNING in the index and is run again by the next search.
function Tuner:_run(description, x, y, fit_options, verbose, index, started)
  local state, began = {}, lunette.clock()
  if verbose then
    display.trial_begin(description, self.max_trials)
    -- The values are known once the build function has asked for them.
    local best = self:_best(index, 1)[1]
    state.show = function(hp)
      state.show = nil
      display.values(hp.space, hp.values, description.budget, best)
    end
  end
  local ok, result = xpcall(self._fit, function(problem)
    local message = tostring(problem)
    return {message = message, traceback = debug.traceback(message, 2)}
  end, self, description, x, y, fit_options, state)
  local lock = self.running_lock
  self.running_lock = nil
  if not ok and is_interrupt(result.message) then
    lock:unlock()
    error(result.message, 0)
  end
  if not ok and state.show and state.hp then state.show(state.hp) end
  local record = copy(description)
  record.time = lunette.clock() - began
  record.finished = os.time()
  if state.hp then record.values, record.space = copy(state.hp.values), state.hp.space end
  if ok then
    record.status = 'COMPLETED'
    for key, value in pairs(result) do record[key] = value end
  else
    record.status, record.message, record.traceback = 'FAILED', result.message, result.traceback
  end
  self.project:write_trial(record)
  local summary = self.project:update(function(shared)
    local entry = {id = record.id, status = record.status, score = record.score, values = record.values,
                   budget = record.budget, draw = record.draw, message = record.message}
    shared.trials[record.id] = entry
    local known = {}
    for _, definition in ipairs(shared.space) do known[definition.name] = true end
    for _, definition in ipairs(record.space or {}) do
      if not known[definition.name] then shared.space[#shared.space + 1] = definition end
    end
    return true, shared
  end)
  lock:unlock()
  if verbose then display.trial_end(record, self.objective, self:_best(summary, 1)[1], lunette.clock() - started) end
  return record
end

--- Runs trials until the oracle has no more: fit_options go to each model's fit (epochs,
--- validation_split or validation_data, callbacks...); verbose = 0 silences the search and fit.
function Tuner:search(x, y, fit_options)
  if fit_options == nil and type(y) == 'table' and getmetatable(y) == nil and #y == 0 then y, fit_options = nil, y end
  fit_options = fit_options or {}
  local verbose = fit_options.verbose ~= 0
  local started, failures = lunette.clock(), 0
  while true do
    local claim = self:_claim()
    local step, index = claim[1], claim[2]
    if step == 'stop' then
      if verbose and claim[3] then print('Search stopped: ' .. claim[3]) end
      break
    elseif step == 'wait' then
      -- Another process runs the trials the next ones depend on: wait for one of them to end.
      for _, trial in ipairs(index.trials) do
        if trial.status == 'RUNNING' then
          lunette.lock(self:_running_lock(trial.id)):unlock()
          break
        end
      end
    else
      local record = self:_run(step, x, y, fit_options, verbose, index, started)
      failures = record.status == 'FAILED' and failures + 1 or 0
      if failures >= self.max_consecutive_failed_trials then
        error(string.format('%d trials failed in a row; the last, trial %d: %s', failures, record.id, record.message), 2)
      end
    end
  end
  return self
end

require('tuner.results')(Tuner)

return tuner
