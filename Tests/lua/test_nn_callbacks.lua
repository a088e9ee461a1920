-- Callbacks (Lua tables of functions and Keras' built-in ones), custom training steps and the
-- errors training raises. Epochs and batches are Keras' 0-based indices.
local check = require 'support.check'
local nn = require 'nn'
local optim = require 'optim'
local tensor = require 'tensor'
local scratch = require('support.scratch').new()

local x = tensor {{0, 1}, {1, 0}, {1, 1}, {0, 0}}
local y = tensor {{1}, {1}, {2}, {0}}

local function small_model()
  local model = nn.Sequential {nn.Input {2}, nn.Dense(1)}
  model:compile {optimizer = 'sgd', loss = 'mse'}
  return model
end

check.test('Lua callbacks fire in order with Keras epoch and batch numbers', function()
  local model = small_model()
  local events = {}
  local callback = {}
  callback.on_train_begin = function(logs) events[#events + 1] = 'train_begin'; check.equal(callback.model, model) end
  callback.on_epoch_begin = function(epoch) events[#events + 1] = 'epoch_begin ' .. epoch end
  callback.on_batch_begin = function(batch) events[#events + 1] = 'batch_begin ' .. batch end
  callback.on_batch_end = function(batch, logs) events[#events + 1] = 'batch_end ' .. batch .. (logs.loss and ' loss' or '') end
  callback.on_epoch_end = function(epoch, logs)
    events[#events + 1] = 'epoch_end ' .. epoch .. (logs.loss and ' loss' or '') .. (logs.val_loss and ' val_loss' or '')
  end
  callback.on_train_end = function(logs) events[#events + 1] = 'train_end' .. (logs.loss and ' loss' or '') end
  model:fit(x, y, {epochs = 2, batch_size = 2, verbose = 0, validation_data = {x, y}, callbacks = {callback}})
  check.same(events, {
    'train_begin',
    'epoch_begin 0', 'batch_begin 0', 'batch_end 0 loss', 'batch_begin 1', 'batch_end 1 loss', 'epoch_end 0 loss val_loss',
    'epoch_begin 1', 'batch_begin 0', 'batch_end 0 loss', 'batch_begin 1', 'batch_end 1 loss', 'epoch_end 1 loss val_loss',
    'train_end loss',
  })
  check.raises(function() model:fit(x, y, {verbose = 0, callbacks = {{on_epoch_ends = print}}}) end,
    "'on_epoch_ends' is not a callback hook")
  -- a function where the callback goes, or one callback not in a list: the message shows what fits
  check.raises(function() model:fit(x, y, {verbose = 0, callbacks = {print}}) end,
    "option 'callbacks' element 1 expected a Callback (nn.callbacks...) or a table of hooks ({on_epoch_end = function(epoch, logs) ... end}), got function")
  check.raises(function() model:fit(x, y, {verbose = 0, callbacks = nn.callbacks.EarlyStopping {}}) end,
    "expected a list of callbacks ({nn.callbacks.EarlyStopping{...}, ...}), got Callback")
  local message = check.raises(function()
    model:fit(x, y, {verbose = 0, callbacks = {{on_epoch_end = function() error('stop here') end}}})
  end, 'stop here')
  check.truthy(message:find('test_nn_callbacks.lua:%d+: stop here'), message)
end)

check.test('a custom train_step (the VAE case) logs what it returns, numbers or tensors', function()
  local model = nn.Sequential {nn.Input {2}, nn.Dense(2)}
  model:compile {optimizer = 'adam'}
  local opt = optim.sgd(model:parameters(), {learning_rate = 0.1})
  local batches = 0
  local history = model:fit(x, {epochs = 4, batch_size = 2, verbose = 0, shuffle = false, train_step = function(batch)
    batches = batches + 1
    check.same(batch:size(), {2, 2})
    opt:zero_grad()
    local loss = ((model(batch) - batch) ^ 2):mean()
    loss:backward()
    opt:step()
    return {loss = loss, kl = 0.5}
  end})
  check.equal(batches, 8)
  check.same(history.kl, {0.5, 0.5, 0.5, 0.5})
  check.truthy(history.loss[4] < history.loss[1], 'the loss falls')
  check.same(history.history.kl, history.kl)
  check.raises(function()
    model:fit(x, {verbose = 0, train_step = function() return {loss = tensor {1, 2}} end})
  end, "train_step returned 'loss' as a tensor of shape (2)")
end)

check.test('a custom test_step gives the val_ logs; without it or a loss, validation is an error, not silence', function()
  local model = nn.Sequential {nn.Input {2}, nn.Dense(2)}
  model:compile {optimizer = 'adam'}
  local seen = {}
  local history = model:fit(x, {epochs = 2, batch_size = 2, verbose = 0, validation_data = {x:narrow(1, 1, 3)},
    train_step = function() return {loss = 1} end,
    test_step = function(batch)
      seen[#seen + 1] = batch:size(1)
      return {loss = batch:size(1) * 10}
    end})
  -- three validation samples in batches of 2 and 1: the mean weighted by batch size is (2*20 + 1*10) / 3
  check.same(seen, {2, 1, 2, 1})
  check.same(history.val_loss, {50 / 3, 50 / 3}, 1e-9)
  check.raises(function()
    model:fit(x, {verbose = 0, validation_split = 0.5, train_step = function() return {loss = 1} end})
  end, 'fit: validation needs a loss: compile the model with one, or pass a custom test_step beside the train_step')
  check.raises(function()
    model:fit(x, {verbose = 0, validation_split = 0.5, train_step = function() return {loss = 1} end, test_step = function() return {loss = 'high'} end})
  end, "test_step returned 'loss' as a string")
end)

check.test('a NaN loss stops training as TerminateOnNaN does: the history returned, on_train_end run', function()
  local model = small_model()
  local steps, ended = 0, nil
  local history = model:fit(x, {epochs = 3, batch_size = 2, verbose = 0, train_step = function()
    steps = steps + 1
    return {loss = steps == 4 and 0 / 0 or 1}
  end, callbacks = {{on_train_end = function(logs) ended = logs end}}})
  check.equal(steps, 4, 'no batch after the NaN one')
  check.equal(#history.loss, 2)
  check.equal(history.loss[1], 1)
  check.truthy(history.loss[2] ~= history.loss[2], 'the epoch with the NaN batch is in the history')
  check.truthy(ended and ended.loss ~= ended.loss, 'on_train_end gets the last epoch\'s logs')
  -- The compiled loss: the NaN batch changes no weight.
  local before = model:get_weights()
  model:compile {optimizer = 'sgd', loss = function(t, p) return (p - t):mean() * (0 / 0) end}
  history = model:fit(x, y, {verbose = 0, epochs = 5})
  check.equal(#history.loss, 1)
  for i, weight in ipairs(model:get_weights()) do check.same(weight:totable(), before[i]:totable()) end
end)

check.test('after a NaN loss EarlyStopping restores the best weights', function()
  local model = small_model()
  model:compile {optimizer = 'sgd', loss = 'mse'}
  local best
  local losses = {0.5, 0.2, 0 / 0}
  local epoch = 0
  model:fit(x, {epochs = 5, batch_size = 4, verbose = 0, train_step = function()
    epoch = epoch + 1
    if epoch == 2 then best = model:get_weights() end
    -- Change the weights every epoch, so that restoring is seen.
    local weights = model:get_weights()
    for _, weight in ipairs(weights) do weight:add_(1) end
    model:set_weights(weights)
    return {loss = losses[epoch]}
  end, callbacks = {nn.EarlyStopping {monitor = 'loss', patience = 5, restore_best_weights = true}}})
  check.equal(epoch, 3)
  for i, weight in ipairs(model:get_weights()) do check.same(weight:totable(), best[i]:add(1):totable()) end
end)

check.test('EarlyStopping stops after patience epochs and restores the best weights', function()
  local model = small_model()
  local losses = {1.0, 0.5, 0.7, 0.8, 0.9, 1.0}
  local history = model:fit(x, {epochs = 6, batch_size = 4, verbose = 0, callbacks = {
    nn.callbacks.EarlyStopping {monitor = 'loss', patience = 2, restore_best_weights = true},
  }, train_step = function()
    local epoch = model.weights[2][1] + 1
    -- each epoch writes its number into the bias, so the weights show which epoch they come from
    model:set_weights {model.weights[1], tensor {epoch}}
    return {loss = losses[epoch]}
  end})
  check.equal(#history.loss, 4)
  check.same(history.loss, {1.0, 0.5, 0.7, 0.8}, 1e-6)
  -- the best epoch (the second) had set the bias to 2
  check.equal(model.weights[2][1], 2)
  check.equal(type(nn.EarlyStopping), 'function')
end)

check.test('LearningRateScheduler and ReduceLROnPlateau change the learning rate', function()
  local model = small_model()
  local rates = {}
  model:fit(x, {epochs = 4, batch_size = 4, verbose = 0, callbacks = {
    nn.callbacks.LearningRateScheduler(function(epoch, lr)
      rates[#rates + 1] = lr
      return epoch == 0 and 0.1 or lr
    end),
    nn.callbacks.ReduceLROnPlateau {monitor = 'loss', patience = 1, factor = 0.5},
  }, train_step = function() return {loss = 1} end})
  -- sgd starts at Keras' 0.01; the schedule sets 0.1; from the second flat epoch on, the plateau halves it
  check.same(rates, {0.01, 0.1, 0.05, 0.025}, 1e-9)
  -- and after the last epoch once more; the model's optimizer shows it, as Keras' model.optimizer
  check.near(model.optimizer.learning_rate, 0.0125, 1e-9)
  check.raises(function()
    model:fit(x, y, {verbose = 0, callbacks = {nn.callbacks.LearningRateScheduler(function() return 'fast' end)}})
  end, 'the learning rate schedule must return a number, got string')
end)

check.test('ModelCheckpoint saves models that load back', function()
  local model = small_model()
  os.execute('mkdir -p ' .. scratch.folder)
  local pattern = scratch:path('model-{epoch:02d}.safetensors')
  scratch:path('model-01.safetensors')
  scratch:path('model-02.safetensors')
  model:fit(x, y, {epochs = 2, verbose = 0, callbacks = {nn.callbacks.ModelCheckpoint(pattern, {monitor = 'loss'})}})
  local loaded = nn.load(scratch.folder .. '/model-02.safetensors')
  check.same(loaded:predict(x, {verbose = 0}):totable(), model:predict(x, {verbose = 0}):totable(), 1e-6)
  check.truthy(io.open(scratch.folder .. '/model-01.safetensors'), 'the first epoch was saved')
  check.raises(function() nn.callbacks.ModelCheckpoint() end, 'file path is missing')
  check.raises(function() nn.callbacks.EarlyStopping {patiense = 2} end, "unknown option 'patiense'")
end)

check.test('callbacks with verbose = 1 say what they do, as Keras', function()
  os.execute('mkdir -p ' .. scratch.folder)
  local script = scratch:path('verbose.lua')
  local file = assert(io.open(script, 'w'))
  file:write([[
    local nn, tensor = require 'nn', require 'tensor'
    local model = nn.Sequential {nn.Input {1}, nn.Dense(1)}
    model:compile {optimizer = 'sgd', loss = 'mse'}
    local losses = {1, 0.5, 0.7, 0.8, 0.9}
    model:fit(tensor.zeros(2, 1), {epochs = 5, verbose = 0, train_step = function() return {loss = table.remove(losses, 1)} end,
      callbacks = {nn.callbacks.EarlyStopping {monitor = 'loss', patience = 2, verbose = 1}}})
  ]])
  file:close()
  local pipe = assert(io.popen('"/proc/$PPID/exe" run ' .. script))
  local output = pipe:read('a')
  pipe:close()
  check.equal(output, 'Epoch 4: early stopping\n')
  check.raises(function() nn.callbacks.ReduceLROnPlateau {verbose = 2} end, "option 'verbose' must be 0 or 1")
end)

scratch:remove()
check.done()
