-- lunette.experiment: what the course experiments in scripts/ share: their command line (a quick
-- default or --full, and an output folder), where the full data sets are, and the final check of
-- their outcome.
--
--   local experiment = require 'lunette.experiment'
--   local run = experiment.setup('ecg_lstm', arg)
--   -- run.full: true with --full; run.output: the folder named on the command line, else
--   -- 'out/ecg_lstm'; run.data: with --full, the folder of the full data sets, else nil (the loaders
--   -- then read the embedded subsets); run.folder('images'): one data set's folder, full or embedded
--   experiment.print_settings(settings)
--   ...
--   experiment.check(accuracy >= 0.95, 'test accuracy %.4f >= 0.95', accuracy)
--
-- The full data sets are found in LUNETTE_DATA when it is set, else in ../shared/data beside the
-- checkout this library belongs to.

local experiment = {}

-- The checkout holding this file (lib/lunette/experiment.lua), or nil when it cannot be told.
local function checkout()
  local source = debug.getinfo(1, 'S').source
  return source:match('^@(.*)/lib/lunette/[^/]*$') or (source:match('^@lib/lunette/') and '.')
end

-- True when `path` names a file or folder that can be opened (on POSIX systems fopen opens folders).
local function exists(path)
  local file = io.open(path, 'r')
  if file then file:close() end
  return file ~= nil
end

-- The folder of the full data sets: LUNETTE_DATA, else ../shared/data beside the checkout; an error
-- saying where it looked when neither holds `set`.
function experiment.full_data(set, level)
  local searched = {}
  local variable = os.getenv('LUNETTE_DATA')
  if variable and variable ~= '' then
    if exists(variable .. '/' .. set) then return variable end
    searched[#searched + 1] = variable .. ' (LUNETTE_DATA)'
  end
  local root = checkout()
  if root then
    local shared = root .. '/../shared/data'
    if exists(shared .. '/' .. set) then return shared end
    searched[#searched + 1] = shared
  end
  error(string.format("--full needs the full data set '%s', not found in %s; set LUNETTE_DATA to the folder " ..
                      'of the full data sets', set, #searched > 0 and table.concat(searched, ' or ') or 'any known folder'), level or 2)
end

-- Reads the script's arguments: `--full` and an optional output folder. `sets` lists the data sets
-- the script reads, so that --full fails at once, with a clear message, when one is missing.
function experiment.setup(name, arguments, sets)
  local run = {full = false, output = 'out/' .. name}
  local usage = string.format('usage: lunette run scripts/%s.lua [--full] [output folder]', name)
  local folder
  for _, argument in ipairs(arguments or {}) do
    if argument == '--full' then
      run.full = true
    elseif argument == '--help' or argument == '-h' then
      print(usage)
      os.exit(0)
    elseif argument:sub(1, 1) == '-' or folder then
      error(string.format("unexpected argument '%s'; %s", argument, usage), 2)
    else
      folder = argument
    end
  end
  run.output = folder or run.output
  if run.full then
    for _, set in ipairs(sets or {}) do run.data = experiment.full_data(set, 3) end
  end
  -- With --full the full copy of data set `set`, else the embedded subset of the checkout, named
  -- explicitly so that LUNETTE_DATA does not turn a quick run into a full one.
  function run.folder(set)
    return (run.data or (checkout() or '.') .. '/data') .. '/' .. set
  end
  return run
end

-- Prints a table of settings, one `name value` line each, in name order.
function experiment.print_settings(settings)
  local names, width = {}, 0
  for name in pairs(settings) do
    names[#names + 1] = name
    width = math.max(width, #name)
  end
  table.sort(names)
  for _, name in ipairs(names) do print(string.format('%-' .. width + 2 .. 's%s', name, tostring(settings[name]))) end
end

-- The script's final check: prints the outcome when `ok`, else raises an error with the script line.
function experiment.check(ok, format, ...)
  local message = string.format(format, ...)
  if not ok then error('outcome check failed: ' .. message, 2) end
  print('outcome check passed: ' .. message)
end

return experiment
