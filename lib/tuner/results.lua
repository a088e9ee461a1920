-- tuner.results: what a search found, read from its project folder: the best trials, their
-- hyperparameters and models, any trial's record, Keras Tuner's summaries, and the charts.
local display = require 'tuner.display'
local hyperparameters = require 'tuner.hyperparameters'

local function copy(t)
  local result = {}
  for key, value in pairs(t or {}) do result[key] = value end
  return result
end

return function(Tuner)
  --- The records of the best `count` completed trials (all when count is nil), best first.
  function Tuner:best_trials(count)
    local best = self:_best(self.project:index(), count)
    for i, trial in ipairs(best) do best[i] = self.project:read_trial(trial.id) end
    return best
  end

  --- The hyperparameters of the best `count` trials (default 1), as hp objects to build with.
  function Tuner:best_hyperparameters(count)
    local result = {}
    for i, trial in ipairs(self:best_trials(count or 1)) do
      local hp = hyperparameters.new(trial.values)
      hp.values = copy(trial.values)
      result[i] = hp
    end
    return result
  end

  --- The best `count` models (default 1), built again and given their trial's best weights.
  function Tuner:best_models(count)
    local models = {}
    for i, trial in ipairs(self:best_trials(count or 1)) do
      local model = self.hypermodel(hyperparameters.new(trial.values))
      model:load_weights(self.project:trial_folder(trial.id) .. '/' .. trial.weights)
      models[i] = model
    end
    return models
  end

  --- The record of trial `id`: status, values, budget, per-epoch metrics, score, time, message.
  function Tuner:get_trial(id)
    local record = math.type(id) == 'integer' and self.project:read_trial(id)
    if not record then error(string.format('get_trial: the project has no trial %s', tostring(id)), 2) end
    return record
  end

  --- Prints the best `count` trials (default 10) as Keras Tuner does, then the failed ones; returns
  --- the best trials' records.
  function Tuner:results_summary(count)
    local index = self.project:index()
    local best = self:best_trials(count or 10)
    print('Results summary')
    print('Results in ' .. self.project.path)
    print(string.format('Showing %d best trials', #best))
    print(string.format('Objective(name="%s", direction="%s")', self.objective.name, self.objective.direction))
    for _, trial in ipairs(best) do
      print()
      print(string.format('Trial %d summary', trial.id))
      print('Hyperparameters:')
      for _, definition in ipairs(trial.space or {}) do
        print(string.format('%s: %s', definition.name, display.value(trial.values[definition.name])))
      end
      if trial.budget then
        for _, key in ipairs {'epochs', 'initial_epoch', 'bracket', 'round'} do
          print(string.format('tuner/%s: %s', key, trial.budget[key]))
        end
      end
      print('Score: ' .. display.value(trial.score))
    end
    local failed = {}
    for _, trial in ipairs(index.trials) do
      if trial.status == 'FAILED' then failed[#failed + 1] = string.format('  trial %d: %s', trial.id, trial.message) end
    end
    if #failed > 0 then
      print()
      print(string.format('%d failed trials:', #failed))
      print(table.concat(failed, '\n'))
    end
    return best
  end

  --- Prints the hyperparameters seen so far with their ranges.
  function Tuner:search_space_summary()
    local space = self.project:index().space
    print('Search space summary')
    print(string.format('Default search space size: %d', #space))
    for _, definition in ipairs(space) do
      local settings = {}
      for _, key in ipairs {'min', 'max', 'step', 'sampling', 'default', 'value'} do
        if definition[key] ~= nil then settings[#settings + 1] = key .. ': ' .. tostring(definition[key]) end
      end
      if definition.values then
        local values = {}
        for i, value in ipairs(definition.values) do values[i] = tostring(value) end
        settings[#settings + 1] = 'values: ' .. table.concat(values, ', ')
      end
      print(string.format('%s (%s)', definition.name, definition.type))
      print('{' .. table.concat(settings, ', ') .. '}')
    end
  end

  --- Saves the charts of the search as PNG files in `folder` (default: the project's charts/); returns
  --- their paths.
  function Tuner:plot(folder)
    return require('tuner.charts').save(self, self.project:index(), folder or self.project.path .. '/charts')
  end
end
