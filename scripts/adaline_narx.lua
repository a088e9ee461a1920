-- %% System identification: an ADALINE and a NARX network
-- The homework: the system G(z) = (0.25 + 0.5 z^-1) / (0.125 + 0.75 z^-1 + z^-2), whose difference
-- equation is y[k] = 2 x[k] + 4 x[k-1] - 6 y[k-1] - 8 y[k-2]. Its poles lie at z = -2 and z = -4,
-- outside the unit circle: any input makes the output explode, so a network cannot be fitted to one
-- long run of it (the homework's first MLP ended with a loss of three million). The way out is the
-- series-parallel form: the regressors x[k], x[k-1], x[k-2], y[k-1], y[k-2] are drawn independently
-- at random and the equation gives each target y[k]. Being linear, the equation is learnt exactly by
-- an ADALINE, one linear neuron trained by the LMS (Widrow-Hoff) rule, whose weights are then the
-- coefficients. Last, a NARX network (the homework's MLP: 20 sigmoid neurons and a linear output)
-- identifies a stable nonlinear plant, Narendra and Parthasarathy's
--   y[k] = y[k-1] y[k-2] (y[k-1] + 2.5) / (1 + y[k-1]^2 + y[k-2]^2) + x[k-1],
-- from one run driven by random input; tested one step ahead (fed the plant's true past outputs)
-- and free-running (fed its own past predictions) on a sinusoidal input it has not seen.
--
--   lunette run scripts/adaline_narx.lua [--full] [output folder]     (default: out/adaline_narx)
--
-- All data are simulated here. Quick default: 3,000 plant samples and 200 epochs for the NARX
-- network; --full: 10,000 samples and 1,000 epochs.
local experiment = require 'lunette.experiment'
local run = experiment.setup('adaline_narx', arg)

local tensor, nn, optim = require 'tensor', require 'nn', require 'optim'
local plot, report = require 'plot', require 'report'
report.open(run.output, {title = 'System identification: ADALINE and NARX'})
local settings = {regressors = 1000, lms_rate = 0.1, keras_epochs = 100, seed = 7, hidden = 20,
                  narx_samples = run.full and 10000 or 3000, narx_epochs = run.full and 1000 or 200,
                  batch_size = 32, test_steps = 300}
print(string.format('mode: %s; output: %s', run.full and 'full' or 'quick', run.output))
experiment.print_settings(settings)
tensor.manual_seed(settings.seed)
local names = {'x[k]', 'x[k-1]', 'x[k-2]', 'y[k-1]', 'y[k-2]'}
local true_weights = {2, 4, 0, -6, -8}

-- %% The system's response explodes
-- The homework's input x[k] = sin(k pi / 8) from rest (y = 0 before the first step).
local steps, response = 60, {}
local previous, before, last_x = 0, 0, 0     -- y[k-1], y[k-2], x[k-1]
for k = 1, steps do
  local x = math.sin(k * math.pi / 8)
  local y = 2 * x + 4 * last_x - 6 * previous - 8 * before
  response[k] = math.max(math.abs(y), 1e-12)
  before, previous, last_x = previous, y, x
end
print(string.format('|y[k]| after %d steps: %.3g (grows like 4^k: poles at -2 and -4)', steps, response[steps]))
plot.lines({['|y[k]|'] = response}, {title = 'Response to sin(k pi/8): the system is unstable', xlabel = 'k',
           ylabel = '|y[k]| (log scale)', yscale = 'log', legend = false}):save(run.output .. '/unstable.png')

-- %% Series-parallel data: independent random regressors
-- Each row: x[k], x[k-1], x[k-2], y[k-1], y[k-2] uniform in [-1, 1]; the target is the equation's y[k].
local P = tensor.rand(settings.regressors, 5) * 2 - 1
local T = P:matmul(tensor(true_weights):reshape {5, 1})
print(string.format('%d regressor rows; targets from %.2f to %.2f', P:size(1), T:min():item(), T:max():item()))

-- %% The ADALINE trained by LMS, written as tensor updates
-- One sample at a time: a = w' p, e = t - a, w <- w + 2 alpha e p (Hagan et al., chapter 10). With
-- inputs uniform in [-1, 1] the correlation matrix is I/3, so LMS is stable for alpha < 3;
-- alpha = 0.1 shrinks every weight error by the factor 1 - 2 alpha / 3 per step on average.
local alpha = settings.lms_rate
local w = tensor.zeros(5, 1)
local trajectory, squared_errors = {}, {}
for i = 1, 5 do trajectory[names[i]] = {} end
for k = 1, P:size(1) do
  local p = P[k]:reshape {5, 1}
  local e = T[k][1] - w:t():matmul(p)[1][1]
  w = w + p * (2 * alpha * e)
  squared_errors[k] = math.max(e * e, 1e-16)
  for i = 1, 5 do trajectory[names[i]][k] = w[i][1] end
end
local lms_gap = (w:reshape {-1} - tensor(true_weights)):abs():max():item()
for i = 1, 5 do print(string.format('  w(%-6s) = %9.6f   (true %g)', names[i], w[i][1], true_weights[i])) end
print(string.format('LMS after one pass over %d rows: largest weight error %.2e', P:size(1), lms_gap))
local lms_charts = plot.figure {columns = 2, width = 1300, height = 460, title = 'ADALINE trained by LMS'}
lms_charts:add(plot.lines(trajectory, {title = 'Weights while learning', xlabel = 'sample k', ylabel = 'weight'}))
lms_charts:add(plot.lines({['e^2'] = squared_errors}, {title = 'Squared error of each sample', xlabel = 'sample k',
                          yscale = 'log', legend = false}))
lms_charts:save(run.output .. '/lms.png')

-- %% The same ADALINE as a Keras model
-- The homework's version: Dense(1) without bias, SGD on the mean squared error, inputs uniform in
-- [-10, 10], batches of 32.
local P10 = tensor.rand(settings.regressors, 5) * 20 - 10
local T10 = P10:matmul(tensor(true_weights):reshape {5, 1})
local adaline = nn.Sequential {nn.Input {5}, nn.Dense(1, {use_bias = false, name = 'linear_layer'})}
adaline:summary()
adaline:compile {optimizer = 'sgd', loss = 'mse'}
local adaline_history = adaline:fit(P10, T10, {epochs = settings.keras_epochs, batch_size = settings.batch_size,
                                               verbose = 0, seed = settings.seed})
local kernel = adaline:layer('linear_layer').weights[1]:reshape {-1}
local keras_gap = (kernel - tensor(true_weights)):abs():max():item()
local kernel_text = {}
for i = 1, 5 do kernel_text[i] = string.format('%.5f', kernel[i]) end
print(string.format('Dense(1) + SGD after %d epochs: loss %.3g, weights %s, largest error %.2e', settings.keras_epochs,
  adaline_history.loss[#adaline_history.loss], table.concat(kernel_text, ' '), keras_gap))

-- %% Back to the transfer function
-- The weights are the coefficients divided by the denominator's constant term b1: w = [a1 a2 a3
-- -b2 -b3] / b1. With the homework's b1 = 0.125 they give back the numerator and denominator.
local b1 = 0.125
local learnt = w:reshape {-1}
print(string.format('G(z) = (%.4f + %.4f z^-1 + %.4f z^-2) / (%.4f + %.4f z^-1 + %.4f z^-2)',
  learnt[1] * b1, learnt[2] * b1, learnt[3] * b1, b1, -learnt[4] * b1, -learnt[5] * b1))

-- %% NARX: simulate a stable nonlinear plant
local function plant(y1, y2, x1) return y1 * y2 * (y1 + 2.5) / (1 + y1 * y1 + y2 * y2) + x1 end
-- The plant's outputs for an input sequence (a Lua list), from rest.
local function simulate(input)
  local y = {}
  for k = 1, #input do y[k] = plant(y[k - 1] or 0, y[k - 2] or 0, input[k - 1] or 0) end
  return y
end
-- The regressor rows x[k], x[k-1], x[k-2], y[k-1], y[k-2] and the targets y[k], for k from `from`.
local function regressors(input, y, from)
  local rows, targets = {}, {}
  for k = from, #input do
    rows[#rows + 1] = {input[k], input[k - 1], input[k - 2], y[k - 1], y[k - 2]}
    targets[#targets + 1] = {y[k]}
  end
  return tensor(rows), tensor(targets)
end
local train_input = (tensor.rand(settings.narx_samples) * 4 - 2):totable()   -- uniform in [-2, 2]
local train_output = simulate(train_input)
local x_train, y_train = regressors(train_input, train_output, 3)
local test_input = {}
for k = 1, settings.test_steps do
  test_input[k] = math.sin(2 * math.pi * k / 25) + (k > settings.test_steps / 2 and 0.5 * math.sin(2 * math.pi * k / 10) or 0)
end
local test_output = simulate(test_input)
print(string.format('training run: %d samples, output from %.2f to %.2f; test run: %d samples', #train_output,
  y_train:min():item(), y_train:max():item(), #test_output))

-- %% NARX: the homework's MLP
local narx = nn.Sequential {
  nn.Input {5},
  nn.Dense(settings.hidden, {activation = 'sigmoid', name = 'BOSS_layer'}),
  nn.Dense(1, {name = 'linear_layer'}),
}
narx:summary()
narx:compile {optimizer = optim.Adam {learning_rate = 0.01}, loss = 'mse'}
local clock = require('lunette').clock
local started = clock()
local history = narx:fit(x_train, y_train, {epochs = settings.narx_epochs, batch_size = settings.batch_size,
                                            validation_split = 0.1, seed = settings.seed, verbose = 0})
print(string.format('trained %d epochs in %.1f s', settings.narx_epochs, clock() - started))
for _, epoch in ipairs {1, 10, settings.narx_epochs // 2, settings.narx_epochs} do
  print(string.format('  epoch %4d: loss %.5f, val_loss %.5f', epoch, history.loss[epoch], history.val_loss[epoch]))
end
plot.lines({loss = history.loss, val_loss = history.val_loss},
           {title = 'NARX training: mean squared error', xlabel = 'epoch', yscale = 'log'}):save(run.output .. '/narx_loss.png')

-- %% NARX on the test input: one step ahead and free-running
-- One step ahead, the network sees the plant's true y[k-1], y[k-2]; free-running, its own
-- predictions, so its errors can build up.
local x_test, y_test = regressors(test_input, test_output, 3)
local one_step = narx:predict(x_test, {verbose = 0}):reshape {-1}
local free = {0, 0}
for k = 3, #test_input do
  local row = tensor {{test_input[k], test_input[k - 1], test_input[k - 2], free[k - 1], free[k - 2]}}
  free[k] = narx(row)[1][1]
end
local truth = y_test:reshape {-1}
local free_run = tensor(free):narrow(1, 3, #free - 2)
local spread = truth:std():item()
local function nrmse(prediction) return ((prediction - truth):pow(2):mean():sqrt()):item() / spread end
local one_step_error, free_run_error = nrmse(one_step), nrmse(free_run)
print(string.format('test: RMSE / std of the plant output: one step ahead %.4f, free-running %.4f', one_step_error, free_run_error))
local k_axis = {}
for k = 3, #test_input do k_axis[#k_axis + 1] = k end
local chart = plot.chart {title = 'NARX on a test input it has not seen', xlabel = 'k', ylabel = 'y[k]',
                          width = 1200, height = 480}
chart:line(k_axis, truth, {label = 'plant', linewidth = 3})
chart:line(k_axis, one_step, {label = string.format('one step ahead (NRMSE %.3f)', one_step_error)})
chart:line(k_axis, free_run, {label = string.format('free-running (NRMSE %.3f)', free_run_error)})
chart:save(run.output .. '/narx_test.png')

-- %% Outcome
print(string.format('IDENTIFICATION: LMS weight error %.2e, Dense+SGD weight error %.2e; NARX NRMSE one step %.4f, free run %.4f',
  lms_gap, keras_gap, one_step_error, free_run_error))
experiment.check(lms_gap <= 1e-3 and keras_gap <= 1e-3, 'ADALINE coefficients within 1e-3 (LMS %.1e, Dense %.1e)', lms_gap, keras_gap)
experiment.check(one_step_error <= 0.05 and free_run_error <= 0.1,
  'NARX test NRMSE one step %.4f <= 0.05, free-running %.4f <= 0.1', one_step_error, free_run_error)
