-- Small data and build functions for the tuner tests, shared with the processes some tests start.
local nn, tensor = require 'nn', require 'tensor'

local models = {}

--- 96 points of 4 features; the label says whether the first two add up to more than 0.
function models.data()
  tensor.manual_seed(7)
  local x = tensor.randn(96, 4)
  local y = (x:narrow(2, 1, 1) + x:narrow(2, 2, 1)):gt(0):float()
  return x, y
end

--- A build function counting its calls in `counter.builds`; `extra(hp, model)` may run first.
function models.build(counter, extra)
  return function(hp)
    counter.builds = (counter.builds or 0) + 1
    local units = hp:Int('units', 2, 32, {step = 2})
    local activation = hp:Choice('activation', {'relu', 'tanh'})
    if extra then extra(hp) end
    local model = nn.Sequential {nn.Input {4}, nn.Dense(units, {activation = activation}), nn.Dense(1, {activation = 'sigmoid'})}
    model:compile {optimizer = 'adam', loss = 'binary_crossentropy', metrics = {'accuracy'}}
    return model
  end
end

return models
