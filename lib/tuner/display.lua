-- tuner.display: the console lines of a search, in Keras Tuner's layout, so a student's output reads
-- like the course's:
--
--   Search: Running Trial #3 (3/10)
--
--   Value             |Best Value So Far |Hyperparameter
--   64                |32                |units
--
--   Trial 3 Complete [00h 00m 12s]
--   val_accuracy: 0.91
--
--   Best val_accuracy So Far: 0.93
--   Total elapsed time: 00h 01m 02s
local display = {}

local width = 18

--- A value as the table shows it: numbers with 5 significant digits, long text cut.
function display.value(value)
  if value == nil then return '?' end
  if type(value) == 'number' then
    if math.type(value) == 'integer' then return tostring(value) end
    return (string.format('%.5g', value))
  end
  local text = tostring(value)
  if #text > width then text = text:sub(1, width - 3) .. '...' end
  return text
end

--- 00h 00m 12s (and days in front when there are any).
function display.duration(seconds)
  local s = math.floor(seconds + 0.5)
  local days, hours, minutes = s // 86400, s % 86400 // 3600, s % 3600 // 60
  local text = string.format('%02dh %02dm %02ds', hours, minutes, s % 60)
  return days > 0 and string.format('%dd %s', days, text) or text
end

local function row(a, b, c)
  return string.format('%-' .. width .. 's|%-' .. width .. 's|%s', a, b, c)
end

-- The hyperparameters of a trial in the order they were declared: those of the space, then the
-- Hyperband budget.
local function rows_of(space, values, budget)
  local rows = {}
  for _, definition in ipairs(space) do
    if values[definition.name] ~= nil then rows[#rows + 1] = {definition.name, values[definition.name]} end
  end
  for name, value in pairs(values) do
    local listed = false
    for _, r in ipairs(rows) do listed = listed or r[1] == name end
    if not listed then rows[#rows + 1] = {name, value} end
  end
  if budget then
    for _, key in ipairs {'epochs', 'initial_epoch', 'bracket', 'round'} do rows[#rows + 1] = {'tuner/' .. key, budget[key]} end
  end
  return rows
end

function display.trial_begin(description, total)
  print()
  print(string.format('Search: Running Trial #%d%s', description.id, total and string.format(' (%d/%d)', description.id, total) or ''))
  print()
end

--- The table of a trial's values beside the best trial's, once the build function has asked them.
function display.values(space, values, budget, best)
  local rows = rows_of(space, values, budget)
  if #rows == 0 then
    print('default configuration')
  else
    print(row('Value', 'Best Value So Far', 'Hyperparameter'))
    for _, r in ipairs(rows) do
      local best_value = best and (r[1]:match('^tuner/') and best.budget and best.budget[r[1]:sub(7)] or best.values[r[1]])
      print(row(display.value(r[2]), display.value(best_value), r[1]))
    end
  end
  print()
end

function display.trial_end(record, objective, best, elapsed)
  print()
  print(string.format('Trial %d Complete [%s]', record.id, display.duration(record.time or 0)))
  if record.status == 'COMPLETED' then
    print(string.format('%s: %s', objective.name, display.value(record.score)))
  else
    print(string.format('Trial %d failed: %s', record.id, record.message))
  end
  print()
  print(string.format('Best %s So Far: %s', objective.name, best and display.value(best.score) or 'None'))
  print(string.format('Total elapsed time: %s', display.duration(elapsed)))
end

return display
