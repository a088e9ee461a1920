-- The optim module: Keras' optimizers built from Lua options reproduce Keras 3's updates, schedules
-- give Keras' rates, a PyTorch-style loop recovers known coefficients, learning rates can be read and
-- set, and wrong arguments are Lua errors that name the function and the argument.
local check = require 'support.check'
local tensor = require 'tensor'
local optim = require 'optim'

-- Keras 3.15.1 reference (Tests/NNFixtures/keras_models_reference.json, "optimizers", made by
-- Tests/NNFixtures/make_keras_models_reference.py): two updates of a variable from `start` with the
-- gradients `grads`, by optimizers built with the options below.
local start = {1.0, -2.0, 3.0, 0.5}
local grads = {{0.1, -0.2, 0.3, 0.0}, {0.5, 0.4, -0.6, 2.0}}
local keras = {
  {'SGD', {learning_rate = 0.1}, {{0.99, -1.98, 2.97, 0.5}, {0.94, -2.02, 3.03, 0.3}}},
  {'SGD', {learning_rate = 0.1, momentum = 0.9}, {{0.99, -1.98, 2.97, 0.5}, {0.931, -2.0020001, 3.003, 0.3}}},
  {'SGD', {learning_rate = 0.1, momentum = 0.9, nesterov = true},
   {{0.981, -1.962, 2.9430001, 0.5}, {0.8779, -2.0218, 3.0327001, 0.12}}},
  {'Adam', {learning_rate = 0.1},
   {{0.9000038, -1.9000022, 2.9000018, 0.5}, {0.8139006, -1.936612, 2.9366117, 0.4255872}}},
  {'Adam', {learning_rate = 0.1, amsgrad = true},
   {{0.9000038, -1.9000022, 2.9000018, 0.5}, {0.8139006, -1.936612, 2.9366117, 0.4255872}}},
  {'AdamW', {learning_rate = 0.1},
   {{0.8996038, -1.8992022, 2.8988018, 0.4998}, {0.8131407, -1.9350523, 2.9342523, 0.4251873}}},
  {'RMSprop', {learning_rate = 0.1},
   {{0.6837881, -1.6837761, 2.683774, 0.5}, {0.3731038, -1.9694897, 2.9694879, 0.1837723}}},
  {'RMSprop', {learning_rate = 0.1, momentum = 0.5, centered = true},
   {{0.6666852, -1.6666713, 2.6666687, 0.5}, {0.1660935, -1.7893149, 2.7893114, 0.1666667}}},
  {'Adagrad', {learning_rate = 0.1},
   {{0.9698489, -1.9465477, 2.9311752, 0.5}, {0.8865156, -2.0195775, 3.0120792, 0.401227}}},
  {'SGD', {learning_rate = 0.1, clipnorm = 0.5}, {{0.99, -1.98, 2.97, 0.5}, {0.9785533, -1.9891574, 2.983736, 0.4542131}}},
  {'SGD', {learning_rate = 0.1, clipvalue = 0.25}, {{0.99, -1.98, 2.9749999, 0.5}, {0.965, -2.0050001, 3.0, 0.475}}},
  {'SGD', {learning_rate = 0.1, global_clipnorm = 0.5},
   {{0.99, -1.98, 2.97, 0.5}, {0.9785533, -1.9891574, 2.983736, 0.4542131}}},
}

local function describe(options)
  local keys = {}
  for key, value in pairs(options) do keys[#keys + 1] = key .. '=' .. tostring(value) end
  table.sort(keys)
  return table.concat(keys, ', ')
end

check.test('PyTorch-style optimizers reproduce Keras 3 updates', function()
  for _, case in ipairs(keras) do
    local class, options, expected = case[1], case[2], case[3]
    local p = tensor(start, {requires_grad = true})
    local opt = optim[class:lower()]({p}, options)
    for step, g in ipairs(grads) do
      p.grad = tensor(g)
      opt:step()
      check.same(p:totable(), expected[step], 2e-6, class .. '{' .. describe(options) .. '} step ' .. step)
    end
    check.equal(opt.iterations, 2)
  end
end)

check.test('Keras-style optimizers apply gradients computed elsewhere', function()
  for _, case in ipairs(keras) do
    local class, options, expected = case[1], case[2], case[3]
    local p = tensor(start, {requires_grad = true})
    local opt = optim[class](options)
    check.equal(opt.name, class:lower())
    for step, g in ipairs(grads) do
      opt:apply_gradients({tensor(g)}, {p})
      check.same(p:totable(), expected[step], 2e-6, class .. ' step ' .. step)
    end
  end
end)

check.test('Keras defaults: learning rates and the positional learning rate', function()
  local p = tensor({1}, {requires_grad = true})
  check.equal(optim.SGD().learning_rate, 0.01)
  for _, name in ipairs{'Adam', 'AdamW', 'RMSprop', 'Adagrad'} do
    check.near(optim[name]().learning_rate, 0.001, 1e-12, name)
    check.near(optim[name:lower()]({p}).learning_rate, 0.001, 1e-12, name:lower())
  end
  check.equal(optim.SGD(0.5).learning_rate, 0.5)
  check.equal(optim.Adam(0.02, {beta_1 = 0.5}).learning_rate, 0.02)
  check.equal(optim.AdamW().weight_decay, 0.004)
  check.equal(optim.Adam().weight_decay, nil)
  check.equal(optim.Adam{weight_decay = 0.1}.weight_decay, 0.1)
  check.equal(optim.sgd({p}, {lr = 0.3}).learning_rate, 0.3)       -- PyTorch's name
  check.equal(optim.SGD{clipvalue = 2}.clipvalue, 2)
  check.equal(optim.SGD().clipnorm, nil)
end)

check.test('weight_decay on any optimizer is decoupled as in Keras: p -= p * wd * lr first', function()
  -- SGD lr 0.1, weight decay 0.5, p = 2, g = 1: p = 2 - 2 * 0.5 * 0.1 = 1.9, then 1.9 - 0.1 = 1.8.
  local p = tensor({2}, {requires_grad = true})
  local opt = optim.sgd({p}, {learning_rate = 0.1, weight_decay = 0.5})
  p.grad = tensor{1}
  opt:step()
  check.near(p:totable()[1], 1.8, 1e-6)
end)

check.test('a custom loop with optim.sgd recovers known linear coefficients', function()
  tensor.manual_seed(7)
  local x = tensor.randn(200, 3)
  local y = x:matmul(tensor{{1.5}, {-2}, {0.25}}) + 0.75
  local w = tensor.zeros({3, 1}, {requires_grad = true})
  local b = tensor.zeros({1}, {requires_grad = true})
  local opt = optim.sgd({w, b}, {learning_rate = 0.1})
  local first
  for step = 1, 300 do
    opt:zero_grad()
    local d = x:matmul(w) + b - y
    local loss = (d * d):mean()
    first = first or loss:item()
    loss:backward()
    opt:step()
  end
  check.same(w:reshape(3):totable(), {1.5, -2, 0.25}, 1e-4)
  check.near(b:item(), 0.75, 1e-4)
  check.truthy(first > 1, 'the loss started high: ' .. first)
  check.equal(opt.iterations, 300)
  check.equal(#opt.parameters, 2)
  check.truthy(rawequal(opt.parameters[1], w))
end)

check.test('zero_grad clears gradients; step skips parameters without one', function()
  local a = tensor({1, 2}, {requires_grad = true})
  local b = tensor({3}, {requires_grad = true})
  local opt = optim.sgd({a, b}, {learning_rate = 1})
  ;(a * a):sum():backward()
  check.same(a.grad:totable(), {2, 4})
  opt:step()
  check.same(a:totable(), {-1, -2})
  check.same(b:totable(), {3})
  opt:zero_grad()
  check.equal(a.grad, nil)
  opt:step()
  check.same(a:totable(), {-1, -2})
  -- one tensor instead of a list
  local c = tensor({5}, {requires_grad = true})
  local single = optim.adam(c)
  check.equal(#single.parameters, 1)
end)

-- Keras 3.15.1 reference (same file, "schedules"): the rate at steps 0, 1, 5, 10, 15 and 100.
local steps = {0, 1, 5, 10, 15, 100}
local schedules = {
  {'ExponentialDecay', {initial_learning_rate = 0.1, decay_steps = 10, decay_rate = 0.5},
   {0.1, 0.0933033, 0.07071068, 0.05, 0.03535534, 9.765625e-05}},
  {'ExponentialDecay', {initial_learning_rate = 0.1, decay_steps = 10, decay_rate = 0.5, staircase = true},
   {0.1, 0.1, 0.1, 0.05, 0.05, 9.765625e-05}},
  {'PiecewiseConstantDecay', {boundaries = {5, 10}, values = {1.0, 0.5, 0.1}}, {1, 1, 1, 0.5, 0.1, 0.1}},
  {'CosineDecay', {initial_learning_rate = 0.1, decay_steps = 20, alpha = 0.1},
   {0.1, 0.09944598, 0.08681981, 0.055, 0.0231802, 0.01}},
  {'CosineDecay', {initial_learning_rate = 0.0, decay_steps = 20, warmup_target = 0.1, warmup_steps = 5},
   {0.0, 0.02, 0.1, 0.08535534, 0.05, 0.0}},
  {'InverseTimeDecay', {initial_learning_rate = 0.1, decay_steps = 10, decay_rate = 0.5},
   {0.1, 0.0952381, 0.08, 0.06666667, 0.05714286, 0.01666667}},
  {'InverseTimeDecay', {initial_learning_rate = 0.1, decay_steps = 10, decay_rate = 0.5, staircase = true},
   {0.1, 0.1, 0.1, 0.06666667, 0.06666667, 0.01666667}},
}

check.test('schedules give Keras 3 rates, called with a step', function()
  for _, case in ipairs(schedules) do
    local schedule = optim.schedules[case[1]](case[2])
    for k, step in ipairs(steps) do
      check.near(schedule(step), case[3][k], 1e-7, case[1] .. '{' .. describe(case[2]) .. '} at step ' .. step)
    end
    check.truthy(tostring(schedule):find(case[1], 1, true), tostring(schedule))
  end
end)

check.test('an optimizer with a schedule follows its iterations; setting a number replaces it', function()
  -- ExponentialDecay 0.1 * 0.5^(step / 1): updates use 0.1, 0.05, 0.025 (SGD, g = 1, p from 0).
  local p = tensor({0}, {requires_grad = true})
  local lr = optim.schedules.ExponentialDecay{initial_learning_rate = 0.1, decay_steps = 1, decay_rate = 0.5}
  local opt = optim.sgd({p}, {learning_rate = lr})
  check.near(opt.learning_rate, 0.1, 1e-12)
  for _ = 1, 3 do
    p.grad = tensor{1}
    opt:step()
  end
  check.near(p:item(), -0.175, 1e-6)
  check.near(opt.learning_rate, 0.0125, 1e-12)
  check.truthy(tostring(opt):find('ExponentialDecay', 1, true), tostring(opt))
  opt.learning_rate = 1
  check.equal(opt.learning_rate, 1)
  p.grad = tensor{1}
  opt:step()
  check.near(p:item(), -1.175, 1e-6)
  opt.lr = lr                                     -- a schedule can be set too, and follows the count (4)
  check.near(opt.learning_rate, 0.1 * 0.5 ^ 4, 1e-12)
  local keras_style = optim.SGD{learning_rate = lr}
  check.near(keras_style.learning_rate, 0.1, 1e-12)
end)

check.test('tostring of an optimizer names it, its rate, iterations and parameters', function()
  local p = tensor({1}, {requires_grad = true})
  check.equal(tostring(optim.adam({p}, {learning_rate = 0.5})),
    'Optimizer(adam, learning_rate = 0.5, iterations = 0, 1 parameter)')
  check.equal(tostring(optim.RMSprop()), 'Optimizer(rmsprop, learning_rate = 0.001, iterations = 0, 0 parameters)')
end)

check.test('wrong arguments raise errors naming the function and the argument', function()
  local p = tensor({1}, {requires_grad = true})
  check.raises(function() optim.Adam{learning_rat = 0.1} end,
    "optim.Adam: unknown option 'learning_rat' (known options: 'amsgrad', 'beta_1', 'beta_2'")
  check.raises(function() optim.SGD{momentum = 'high'} end, "optim.SGD: option 'momentum' expected a number, got string")
  check.raises(function() optim.SGD{learning_rate = 'fast'} end,
    "optim.SGD: option 'learning_rate' expected a number or a schedule (optim.schedules...), got string")
  check.raises(function() optim.SGD{learning_rate = -1} end, 'learning_rate must be a finite number ≥ 0, got -1.0')
  check.raises(function() optim.SGD{learning_rate = 0.1, lr = 0.1} end, "optim.SGD: give 'learning_rate' or 'lr', not both")
  check.raises(function() optim.SGD(0.1, {learning_rate = 0.1}) end, 'optim.SGD: the learning rate is given twice')
  check.raises(function() optim.SGD{clipnorm = 1, clipvalue = 1} end, 'only one of clipnorm, clipvalue and global_clipnorm can be set')
  check.raises(function() optim.SGD{clipnorm = 0} end, 'clipping limits must be positive, got 0.0')
  check.raises(function() optim.SGD{momentum = 2} end, 'momentum must lie in [0, 1], got 2.0')
  check.raises(function() optim.Adam{beta_1 = 1} end, 'beta_1 and beta_2 must lie in [0, 1)')
  check.raises(function() optim.Adam{weight_decay = -1} end, "optim.Adam: option 'weight_decay' must not be negative, got -1.0")
  check.raises(function() optim.SGD('fast') end, 'optim.SGD: argument #1 expected a table of options, got string')
  check.raises(function() optim.sgd() end, 'optim.sgd: argument #1 expected a Tensor or a list of tensors, got no value')
  check.raises(function() optim.adam({}) end, 'optim.adam: argument #1 is an empty list: there is nothing to optimize')
  check.raises(function() optim.sgd({p, 3}) end, 'optim.sgd: argument #1 element 2 expected a Tensor, got number')
  check.raises(function() optim.sgd({tensor{1, 2}}) end,
    'optim.sgd: argument #1 element 1 does not require grad (set t.requires_grad = true, or pass model:parameters())')
  check.raises(function() optim.sgd({p * 2}) end, 'optim.sgd: argument #1 element 1 is computed from other tensors')
  check.raises(function() optim.adam(tensor({1, 2}, {dtype = 'int64'})) end, 'optim.adam: argument #1 the tensor')
  check.raises(function() optim.sgd({p}, 0.1) end, 'optim.sgd: argument #2 expected a table of options, got number')
  local opt = optim.sgd({p})
  check.raises(function() opt.learning_rate = 'fast' end,
    'Optimizer: learning_rate must be set to a number or a schedule, got string')
  check.raises(function() opt.learning_rate = -0.5 end, 'Optimizer: learning_rate must be a finite number ≥ 0, got -0.5')
  check.raises(function() opt.iterations = 3 end, "Optimizer: cannot set the field 'iterations' (only 'learning_rate' can be set)")
  check.raises(function() opt.step() end, "Optimizer:step: expected an Optimizer as self (call it with ':'), got no value")
  check.raises(function() opt:apply_gradients({tensor{1}, tensor{2}}) end,
    'Optimizer:apply_gradients: argument #1 has 2 gradients for 1 parameters')
  check.raises(function() opt:apply_gradients({tensor{1, 2}}) end, 'does not match its parameter of shape')
  check.raises(function() optim.schedules.ExponentialDecay{decay_steps = 10, decay_rate = 0.5} end,
    "optim.schedules.ExponentialDecay: option 'initial_learning_rate' is required")
  check.raises(function() optim.schedules.ExponentialDecay() end,
    'optim.schedules.ExponentialDecay: argument #1 expected a table of options, got no value')
  check.raises(function() optim.schedules.PiecewiseConstantDecay{boundaries = {5}, values = {1}} end,
    'needs increasing boundaries and one more value than boundaries')
  check.raises(function() optim.schedules.PiecewiseConstantDecay{boundaries = 5, values = {1}} end,
    "optim.schedules.PiecewiseConstantDecay: option 'boundaries' expected a list of integers, got number")
  local schedule = optim.schedules.InverseTimeDecay{initial_learning_rate = 1, decay_steps = 1, decay_rate = 1}
  check.raises(function() return schedule(-1) end, 'InverseTimeDecay: expected a step number (an integer ≥ 0), got -1')
  check.raises(function() return schedule('x') end, 'InverseTimeDecay: expected a step number (an integer ≥ 0), got string')
  -- errors carry the script line
  local ok, message = pcall(function() optim.Adam{lr = 'x'} end)
  check.truthy(not ok and message:find('^[^:]*test_optim.lua:%d+: optim.Adam'), message)
end)

check.test('with nn: compile takes an optim object and trains with it, schedule included', function()
  local nn = require 'nn'
  tensor.manual_seed(3)
  local x = tensor.randn(64, 2)
  local y = x:matmul(tensor{{2}, {-1}}) + 0.5
  local model = nn.Sequential {nn.Input {2}, nn.Dense(1)}
  local lr = optim.schedules.ExponentialDecay{initial_learning_rate = 0.1, decay_steps = 40, decay_rate = 0.5}
  local opt = optim.Adam{learning_rate = lr}
  model:compile {optimizer = opt, loss = 'mse'}
  model:fit(x, y, {epochs = 40, batch_size = 16, verbose = 0, seed = 1})
  check.equal(opt.iterations, 160)                    -- 4 batches per epoch, counted by the object given
  check.near(opt.learning_rate, 0.1 * 0.5 ^ 4, 1e-9)  -- the schedule followed those iterations
  check.truthy(model:evaluate(x, y, {verbose = 0}) < 0.01)
  check.raises(function() model:compile {optimizer = 'adamax', loss = 'mse'} end,
    "unknown optimizer 'adamax' (known: 'adam', 'sgd', 'rmsprop', 'adagrad', 'adamw')")
end)

check.test('with nn: optim.adam on model:parameters() and nn.losses in a custom loop', function()
  local nn = require 'nn'
  tensor.manual_seed(4)
  local x = tensor.randn(128, 3)
  local y = x:matmul(tensor{{1}, {0.5}, {-2}}) - 1
  local model = nn.Sequential {nn.Input {3}, nn.Dense(1)}
  local opt = optim.adam(model:parameters(), {learning_rate = 0.05})
  check.equal(#opt.parameters, 2)                     -- kernel and bias
  for _ = 1, 400 do
    opt:zero_grad()
    local loss = nn.losses.mse(y, model(x))
    loss:backward()
    opt:step()
  end
  local kernel, bias = model.layers[1]:get_weights()[1], model.layers[1]:get_weights()[2]
  check.same(kernel:reshape(3):totable(), {1, 0.5, -2}, 1e-3)
  check.near(bias:item(), -1, 1e-3)
end)

check.test('every function of optim and every method of its classes survives wrong arguments', function()
  local p = tensor({1, 2}, {requires_grad = true})
  local bad = {nil, 'text', {}, {1, 2}, {{}}, {x = 1}, -1, 0, 0.5, 2 ^ 62, math.maxinteger, math.mininteger, 0 / 0,
               math.huge, true, print, tensor{1}, p, tensor({1}, {dtype = 'int64'}), {p, 'x'},
               {learning_rate = 0 / 0}, {learning_rate = math.huge}, {decay_steps = math.mininteger, decay_rate = 0 / 0},
               {boundaries = {math.maxinteger, math.mininteger}, values = {1, 2, 3}}, {clipnorm = 0 / 0},
               {momentum = 0 / 0, rho = -1, epsilon = 0}}
  local count = 26
  local calls = 0
  local function try(name, f, ...)
    calls = calls + 1
    local ok, message = pcall(f, ...)
    if not ok and (type(message) ~= 'string' or message == '') then
      error(name .. ' raised a non-message error: ' .. tostring(message))
    end
  end
  local functions = {}
  for name, f in pairs(optim) do if type(f) == 'function' then functions['optim.' .. name] = f end end
  for name, f in pairs(optim.schedules) do functions['optim.schedules.' .. name] = f end
  for name, f in pairs(functions) do
    for i = 1, count do
      try(name, f, bad[i])
      try(name, f, bad[i], bad[i])
      try(name, f, {p}, bad[i])
      try(name, f, bad[i], {learning_rate = bad[i]})
    end
  end
  local classes = require('lunette').classes()
  local objects = {
    Optimizer = {optim.adam({p}), optim.SGD(), optim.rmsprop({p}, {centered = true, momentum = 0.5})},
    LearningRateSchedule = {optim.schedules.CosineDecay{initial_learning_rate = 1, decay_steps = 3}},
  }
  for class, list in pairs(objects) do
    check.truthy(classes[class], class .. ' is listed')
    for _, object in ipairs(list) do
      for name, method in pairs(classes[class]) do
        for i = 1, count do
          try(class .. ':' .. name, method, object, bad[i])
          try(class .. ':' .. name, method, object, {bad[i]}, bad[i])
          try(class .. ':' .. name, method, bad[i], bad[i])
        end
      end
      for i = 1, count do
        try(class .. ' call', function() return object(bad[i]) end)
        try(class .. ' index', function() return object[bad[i] or 1] end)
        try(class .. ' newindex', function() object[bad[i] or 1] = bad[i] end)
        try(class .. ' learning_rate', function() object.learning_rate = bad[i] end)
        try(class .. ' tostring', function() return tostring(object) end)
      end
    end
  end
  print(string.format('     %d calls', calls))
end)

check.done()
