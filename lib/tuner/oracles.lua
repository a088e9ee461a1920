-- tuner.oracles: what trial comes next. An oracle reads only the project's index (every trial's
-- values, budget, status and score, and the hyperparameters seen so far), so any process holding
-- the index's lock can ask it; it answers a trial description, 'wait' (the next trials depend on
-- ones still running elsewhere) or 'stop'.
local hyperparameters = require 'tuner.hyperparameters'
local random = require 'tuner.random'
local records = require 'tuner.records'

local oracles = {}

-- A canonical text of values, to tell whether two trials try the same thing.
local function values_key(values)
  return records.source(values)
end

-- Values for the hyperparameters of `space` that are active, each drawn from its own key.
function oracles.draw(definition, seed, id, attempt)
  return hyperparameters.sample(definition, random.unit(seed, id, attempt, definition.name))
end

local function sample_space(space, seed, id, attempt)
  local values = {}
  for _, definition in ipairs(space) do
    if hyperparameters.active(definition, values) then values[definition.name] = oracles.draw(definition, seed, id, attempt) end
  end
  return values
end

-- Values of trial `id` not tried before: KT's rule, up to 100 draws, then the space counts as exhausted.
local function fresh_values(index, seed, id)
  local seen = {}
  for _, trial in ipairs(index.trials) do
    local known = {}
    for _, definition in ipairs(index.space) do known[definition.name] = trial.values and trial.values[definition.name] end
    seen[values_key(known)] = true
  end
  for attempt = 0, 99 do
    local values = sample_space(index.space, seed, id, attempt)
    if next(values) == nil or not seen[values_key(values)] then return values, attempt end
  end
  return nil
end

-- Random search --------------------------------------------------------------------------------------

function oracles.random()
  return {kind = 'RandomSearch', next = function(_, index, context)
    local id = #index.trials + 1
    if context.max_trials and id > context.max_trials then return 'stop' end
    local values, attempt = fresh_values(index, context.seed, id)
    if not values then return 'stop', 'every value of the search space has been tried' end
    return {id = id, values = values, draw = {attempt = attempt}}
  end}
end

-- Grid search ----------------------------------------------------------------------------------------

-- Every combination of the space's grids, the last hyperparameter changing fastest; inactive
-- hyperparameters are dropped and the combinations that become equal are kept once.
function oracles.grid_points(space)
  local grids, total = {}, 1
  for i, definition in ipairs(space) do
    grids[i] = hyperparameters.grid(definition)
    if not grids[i] then
      error(string.format("GridSearch: Float '%s' has no step, so its values cannot be listed; give it {step = ...} " ..
        'or use hp:Choice', definition.name), 0)
    end
    total = total * #grids[i]
  end
  if total > 1e6 then error(string.format('GridSearch: the grid has %d points (at most 1,000,000)', total), 0) end
  local points, seen, counter = {}, {}, {}
  for i = 1, #space do counter[i] = 1 end
  for _ = 1, total do
    local values = {}
    for i, definition in ipairs(space) do
      if hyperparameters.active(definition, values) then values[definition.name] = grids[i][counter[i]] end
    end
    local key = values_key(values)
    if not seen[key] then
      seen[key] = true
      points[#points + 1] = values
    end
    for i = #space, 1, -1 do
      counter[i] = counter[i] + 1
      if counter[i] <= #grids[i] then break end
      counter[i] = 1
    end
  end
  return points
end

function oracles.grid()
  return {kind = 'GridSearch', next = function(self, index, context)
    local id = #index.trials + 1
    if context.max_trials and id > context.max_trials then return 'stop' end
    self.points = self.points or oracles.grid_points(context.discover())
    local values = self.points[id]
    if not values then return 'stop', 'every point of the grid has been tried' end
    return {id = id, values = values}
  end}
end

-- Hyperband ------------------------------------------------------------------------------------------
-- Brackets, their rounds, sizes and epochs as Keras Tuner computes them, float arithmetic included
-- (its log(x, base) is log(x) / log(base), which can land just above a whole number).

local function hyperband_shape(max_epochs, factor)
  local shape = {}
  function shape.brackets()
    local epochs, count = max_epochs, 0
    while epochs >= 1 do
      epochs = epochs / factor
      count = count + 1
    end
    return count
  end
  function shape.size(bracket, round)
    local last_size = math.ceil(1 + math.log(max_epochs) / math.log(factor))
    return math.ceil(last_size / (bracket + 1) * factor ^ (bracket - round))
  end
  function shape.epochs(bracket, round)
    return math.ceil(max_epochs / factor ^ (bracket - round))
  end
  return shape
end

--- The brackets of one Hyperband iteration, in the order they run: {bracket =, rounds = {{size =,
--- epochs =}, ...}}.
function oracles.hyperband_brackets(max_epochs, factor)
  local shape, brackets = hyperband_shape(max_epochs, factor), {}
  for bracket = shape.brackets() - 1, 0, -1 do
    local rounds = {}
    for round = 0, bracket do rounds[#rounds + 1] = {size = shape.size(bracket, round), epochs = shape.epochs(bracket, round)} end
    brackets[#brackets + 1] = {bracket = bracket, rounds = rounds}
  end
  return brackets
end

local function better(direction)
  return function(a, b)
    if a.score ~= b.score then
      if direction == 'max' then return a.score > b.score end
      return a.score < b.score
    end
    return a.id < b.id
  end
end

-- What bracket instance `instance` (1, 2, ...: the brackets of iteration 1, then of iteration 2)
-- asks for next: a description, 'wait', or nil when it is done.
local function bracket_step(instance, bracket, shape, trials, index, context)
  local rounds = {}
  for round = 0, bracket do rounds[round] = {} end
  for _, trial in ipairs(trials) do table.insert(rounds[trial.budget.round], trial) end
  local function budget(round, parent)
    return {instance = instance, bracket = bracket, round = round, parent = parent,
            epochs = shape.epochs(bracket, round), initial_epoch = round == 0 and 0 or shape.epochs(bracket, round - 1)}
  end
  if #rounds[0] < shape.size(bracket, 0) then
    local id = #index.trials + 1
    local values, attempt = fresh_values(index, context.seed, id)
    if not values then return 'stop' end
    return {id = id, values = values, draw = {attempt = attempt}, budget = budget(0)}
  end
  for round = 1, bracket do
    local past = rounds[round - 1]
    for _, trial in ipairs(past) do
      if trial.status == 'RUNNING' then return 'wait' end
    end
    local promoted, candidates = {}, {}
    for _, trial in ipairs(rounds[round]) do promoted[trial.budget.parent] = true end
    for _, trial in ipairs(past) do
      if trial.status == 'COMPLETED' and not promoted[trial.id] then candidates[#candidates + 1] = trial end
    end
    -- Failed trials are never promoted, so a round can end short of its size.
    if #rounds[round] < shape.size(bracket, round) and #candidates > 0 then
      table.sort(candidates, better(context.direction))
      local best = candidates[1]
      return {id = #index.trials + 1, values = best.values, budget = budget(round, best.id)}
    end
  end
  for _, trial in ipairs(rounds[bracket]) do
    if trial.status == 'RUNNING' then return 'wait' end
  end
  return nil
end

function oracles.hyperband(max_epochs, factor, iterations)
  local shape = hyperband_shape(max_epochs, factor)
  local count = shape.brackets()
  return {kind = 'Hyperband', brackets = count, next = function(_, index, context)
    if context.max_trials and #index.trials >= context.max_trials then return 'stop' end
    local by_instance = {}
    for _, trial in ipairs(index.trials) do
      local instance = trial.budget.instance
      by_instance[instance] = by_instance[instance] or {}
      table.insert(by_instance[instance], trial)
    end
    local waiting = false
    for instance = 1, count * iterations do
      local bracket = count - 1 - (instance - 1) % count
      local step = bracket_step(instance, bracket, shape, by_instance[instance] or {}, index, context)
      if type(step) == 'table' or step == 'stop' then return step end
      waiting = waiting or step == 'wait'
    end
    return waiting and 'wait' or 'stop'
  end}
end

return oracles
