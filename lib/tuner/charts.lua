-- tuner.charts: the objective of each trial in the order they ran (with the best so far), and the
-- objective against each hyperparameter: a scatter for numbers, the best score per value for choices.
local lunette = require 'lunette'
local plot = require 'plot'

local charts = {}

local function file_name(text)
  return (text:gsub('[^%w_%-]', '_'))
end

function charts.save(search, index, folder)
  lunette.mkdir(folder)
  local name, direction = search.objective.name, search.objective.direction
  local ids, scores, best, best_so_far = {}, {}, {}, nil
  local completed = {}
  for _, trial in ipairs(index.trials) do
    if trial.status == 'COMPLETED' then
      completed[#completed + 1] = trial
      ids[#ids + 1], scores[#scores + 1] = trial.id, trial.score
      if best_so_far == nil or (direction == 'max' and trial.score > best_so_far) or (direction == 'min' and trial.score < best_so_far) then
        best_so_far = trial.score
      end
      best[#best + 1] = best_so_far
    end
  end
  if #completed == 0 then error('plot: no trial has completed yet', 2) end
  local paths = {}
  local path = folder .. '/objective_by_trial.png'
  plot.chart {title = name .. ' by trial', xlabel = 'trial', ylabel = name}
    :line(ids, scores, {label = name, markers = true})
    :line(ids, best, {label = 'best so far'})
    :save(path)
  paths[#paths + 1] = path
  for _, definition in ipairs(index.space) do
    if definition.type ~= 'Fixed' then
      path = string.format('%s/objective_vs_%s.png', folder, file_name(definition.name))
      local title = string.format('%s against %s', name, definition.name)
      if definition.type == 'Int' or definition.type == 'Float' then
        -- Log-sampled values spread over magnitudes: their axis is the logarithm (plot has no log x axis).
        local log = definition.sampling == 'log'
        local xs, ys = {}, {}
        for _, trial in ipairs(completed) do
          local value = trial.values[definition.name]
          if value ~= nil then xs[#xs + 1], ys[#ys + 1] = log and math.log(value, 10) or value, trial.score end
        end
        if #xs > 0 then
          local xlabel = log and 'log10(' .. definition.name .. ')' or definition.name
          plot.scatter(xs, ys, {title = title, xlabel = xlabel, ylabel = name}):save(path)
          paths[#paths + 1] = path
        end
      else
        -- The best score each value reached.
        local labels, values, position = {}, {}, {}
        for _, trial in ipairs(completed) do
          local value = trial.values[definition.name]
          if value ~= nil then
            local label = tostring(value)
            if not position[label] then
              labels[#labels + 1], position[label] = label, #labels + 1
            end
            local k = position[label]
            local old = values[k]
            if old == nil or (direction == 'max' and trial.score > old) or (direction == 'min' and trial.score < old) then values[k] = trial.score end
          end
        end
        if #labels > 0 then
          plot.bar(labels, values, {title = title .. ' (best per value)', xlabel = definition.name, ylabel = name}):save(path)
          paths[#paths + 1] = path
        end
      end
    end
  end
  return paths
end

return charts
