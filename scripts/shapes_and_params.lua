-- %% Output shapes and parameter counts by hand, checked against model:summary(); batch normalization by hand
-- The course's counting exercises, each layer's output shape and parameter count worked out with the
-- formulas a student writes on paper, printed beside what Lunette's summary says, and checked equal:
--   1. the Conv / Embedding / SimpleRNN exercise of the word2vec homework;
--   2. the 256x256 colour image through convolutions with strides and dilation (the tuner homework);
--   3. a Dense layer of 10 inputs and 20 outputs followed by BatchNormalization: trainable and
--      non-trainable parameters.
-- Then batch normalization's forward pass, written with tensor operations as the homework's
-- forward_batchnorm does with NumPy (training: batch statistics and moving averages; test: the
-- moving averages), against nn.BatchNormalization, to 1e-5.
--
--   lunette run scripts/shapes_and_params.lua [--full] [output folder]
--
-- Nothing is trained and no data set is read, so the quick default and --full do the same (--full
-- also runs the batch-normalization comparison on larger batches).
local experiment = require 'lunette.experiment'
local run = experiment.setup('shapes_and_params', arg)

local tensor, nn, plot, report = require 'tensor', require 'nn', require 'plot', require 'report'
report.open(run.output, {title = 'Output shapes and parameter counts by hand; batch normalization by hand'})
local settings = {seed = 42, bn_rows = run.full and 256 or 5, bn_features = run.full and 64 or 4, bn_batches = 4,
                  momentum = 0.7, epsilon = 1e-4, bias = 200, tolerance = 1e-5}
print(string.format('mode: %s; output: %s', run.full and 'full' or 'quick', run.output))
experiment.print_settings(settings)
tensor.manual_seed(settings.seed)

-- %% The formulas
-- A convolution with k_h x k_w kernels on c_in channels and f filters: f (k_h k_w c_in + 1) weights
-- (one bias per filter). Its output side: 'same' padding keeps ceil(n / s); 'valid' padding fits a
-- kernel dilated to (k - 1) d + 1 pixels: floor((n - (k - 1) d - 1) / s) + 1. Pooling p with stride
-- s: floor((n - p) / s) + 1. Dense: units (inputs + 1). Embedding: vocabulary x dimension.
-- SimpleRNN: units (inputs + units + 1): input weights, recurrent weights and a bias.
-- BatchNormalization on c channels: gamma and beta (2c, trained), moving mean and variance (2c, not).
local formula = {}
function formula.conv_params(kh, kw, c_in, filters) return filters * (kh * kw * c_in + 1) end
function formula.conv_side(n, k, s, d, padding)
  if padding == 'same' then return math.ceil(n / s) end
  return (n - (k - 1) * d - 1) // s + 1
end
function formula.pool_side(n, p, s) return (n - p) // s + 1 end
function formula.dense_params(inputs, units) return units * (inputs + 1) end
function formula.embedding_params(vocabulary, dimension) return vocabulary * dimension end
function formula.rnn_params(inputs, units) return units * (inputs + units + 1) end

-- One row per layer: the hand shape and count beside the summary's; every mismatch is counted.
local mismatches, rows_checked = 0, 0
local function shape_text(shape)
  local parts = {}
  for i, size in ipairs(shape) do parts[i] = size == -1 and 'None' or tostring(size) end
  return '(' .. table.concat(parts, ', ') .. ')'
end
local function compare(title, model, hand)
  model:summary()
  print(title .. ': the hand formulas beside the summary')
  print(string.format('  %-22s %-20s %-20s %-34s %12s %12s', 'layer', 'shape by hand', 'summary shape',
                      'formula', 'by hand', 'summary'))
  local total, trainable = 0, 0
  for i, layer in ipairs(model.layers) do
    local row = hand[i]
    local shape, count = shape_text(layer.output.shape), layer:count_params()
    local same = shape == shape_text(row.shape) and count == row.params
    if not same then mismatches = mismatches + 1 end
    rows_checked = rows_checked + 1
    print(string.format('  %-22s %-20s %-20s %-34s %12d %12d %s', layer.name, shape_text(row.shape), shape,
                        row.formula or '0', row.params, count, same and 'ok' or 'MISMATCH'))
    total = total + row.params
    trainable = trainable + (row.trainable or row.params)
  end
  -- The totals of the summary's footer against the sums of the hand counts.
  local text = model:summary {as_text = true}
  local function footer(label)
    local digits = text:match('\n%s*' .. label .. ' params: ([%d,]+)')
    return tonumber((digits or ''):gsub(',', ''), 10)
  end
  local summary_total, summary_trainable = footer('Total'), footer('Trainable')
  local summary_frozen = footer('Non%-trainable')
  local same = summary_total == total and summary_trainable == trainable and summary_frozen == total - trainable
  if not same then mismatches = mismatches + 1 end
  rows_checked = rows_checked + 1
  print(string.format('  totals by hand: %d (trainable %d, non-trainable %d); summary: %s (%s, %s) %s', total,
                      trainable, total - trainable, summary_total, summary_trainable, summary_frozen,
                      same and 'ok' or 'MISMATCH'))
end

-- %% 1. The word2vec homework's exercise: convolutions on a 30x30 colour image, an Embedding, a SimpleRNN
-- The write-up's text is partly garbled; what survives fixes the network: a 7x7 convolution of 64
-- filters gives 24x24x64, so the image is 30x30x3; pooling 2x2 with stride 1 (24 -> 23); 128 filters
-- of 5x5 (their count [(5*5*64)+1]*128 = 204,928); 256 filters of 3x3 reach 16x16x256 and a last
-- pooling 15x15x256 = 57,600 values, flattened into Dense(128). The text part: an Embedding of a
-- 1,000-word vocabulary into 256 dimensions on sequences of 20 words, then a SimpleRNN of 32 units
-- returning its last state.
local image_side, channels = 30, 3
local conv_net = nn.Sequential {
  nn.Input {image_side, image_side, channels},
  nn.Conv2D(64, 7, {name = 'conv_7x7'}),
  nn.MaxPooling2D(2, {strides = 1, name = 'pool_1'}),
  nn.Conv2D(128, 5, {name = 'conv_5x5'}),
  nn.MaxPooling2D(2, {strides = 1, name = 'pool_2'}),
  nn.Conv2D(256, 3, {name = 'conv_3x3'}),
  nn.MaxPooling2D(2, {strides = 1, name = 'pool_3'}),
  nn.Flatten {name = 'flatten'},
  nn.Dense(128, {name = 'dense_128'}),
}
local side = {image_side}
side[2] = formula.conv_side(side[1], 7, 1, 1, 'valid')
side[3] = formula.pool_side(side[2], 2, 1)
side[4] = formula.conv_side(side[3], 5, 1, 1, 'valid')
side[5] = formula.pool_side(side[4], 2, 1)
side[6] = formula.conv_side(side[5], 3, 1, 1, 'valid')
side[7] = formula.pool_side(side[6], 2, 1)
local flat = side[7] * side[7] * 256
compare('1a. convolutions', conv_net, {
  {shape = {-1, side[2], side[2], 64}, params = formula.conv_params(7, 7, channels, 64),
   formula = string.format('64 (7*7*%d + 1)', channels)},
  {shape = {-1, side[3], side[3], 64}, params = 0},
  {shape = {-1, side[4], side[4], 128}, params = formula.conv_params(5, 5, 64, 128), formula = '128 (5*5*64 + 1)'},
  {shape = {-1, side[5], side[5], 128}, params = 0},
  {shape = {-1, side[6], side[6], 256}, params = formula.conv_params(3, 3, 128, 256), formula = '256 (3*3*128 + 1)'},
  {shape = {-1, side[7], side[7], 256}, params = 0},
  {shape = {-1, flat}, params = 0, formula = string.format('%d*%d*256 = %d values', side[7], side[7], flat)},
  {shape = {-1, 128}, params = formula.dense_params(flat, 128), formula = string.format('128 (%d + 1)', flat)},
})

local words, vocabulary, dimension, units = 20, 1000, 256, 32
local text_net = nn.Sequential {
  nn.Input {words},
  nn.Embedding(vocabulary, dimension, {name = 'embedding'}),
  nn.SimpleRNN(units, {name = 'simple_rnn'}),
}
compare('1b. Embedding and SimpleRNN', text_net, {
  {shape = {-1, words, dimension}, params = formula.embedding_params(vocabulary, dimension),
   formula = string.format('%d * %d', vocabulary, dimension)},
  {shape = {-1, units}, params = formula.rnn_params(dimension, units),
   formula = string.format('%d (%d + %d + 1)', units, dimension, units)},
})

-- %% 2. The 256x256 colour image through strided and dilated convolutions
-- The exercise's layer 8 said dilation rate 8, which the course corrected to 2: a 5x5 kernel dilated
-- by 8 spans 33 pixels, more than the 11x11 maps it meets (the formula gives a negative size, and
-- Lunette refuses the layer, below). Counts in the write-ups to beware of: 32 (5*5*64 + 1) is 51,232,
-- and floor((256 - 9) / 2) + 1 is 124, not 125.
local layers = {
  {'conv', 64, 3, 1, 1, 'same'}, {'conv', 32, 5, 2, 2, 'valid'}, {'pool', 2, 2},
  {'conv', 128, 3, 1, 1, 'same'}, {'conv', 64, 5, 2, 4, 'valid'}, {'pool', 2, 2},
  {'conv', 256, 3, 1, 1, 'same'}, {'conv', 128, 5, 2, 2, 'valid'}, {'pool', 2, 2},
}
local network, hand = {nn.Input {256, 256, 3}}, {}
local n, c = 256, 3
for i, spec in ipairs(layers) do
  local name = 'layer' .. i
  if spec[1] == 'conv' then
    local filters, k, s, d, padding = spec[2], spec[3], spec[4], spec[5], spec[6]
    network[#network + 1] = nn.Conv2D(filters, k, {strides = s, dilation_rate = d, padding = padding, name = name})
    local params = formula.conv_params(k, k, c, filters)
    n = formula.conv_side(n, k, s, d, padding)
    hand[i] = {shape = {-1, n, n, filters}, params = params,
               formula = string.format('%d (%d*%d*%d + 1); s %d, d %d', filters, k, k, c, s, d)}
    c = filters
  else
    network[#network + 1] = nn.MaxPooling2D(spec[2], {strides = spec[3], name = name})
    n = formula.pool_side(n, spec[2], spec[3])
    hand[i] = {shape = {-1, n, n, c}, params = 0, formula = string.format('pool %d, stride %d', spec[2], spec[3])}
  end
end
compare('2. strided and dilated convolutions on 256x256x3', nn.Sequential(network), hand)
local rate8 = formula.conv_side(11, 5, 2, 8, 'valid')
local ok, message = pcall(function()
  return nn.Sequential {nn.Input {11, 11, 256}, nn.Conv2D(128, 5, {strides = 2, dilation_rate = 8})}
end)
print(string.format('with the misprinted dilation rate 8 the formula gives %d x %d; Lunette: %s', rate8, rate8,
                    ok and 'accepted it' or tostring(message)))
if ok or rate8 > 0 then mismatches = mismatches + 1 end
rows_checked = rows_checked + 1

-- %% 3. Dense(20) on 10 inputs, then BatchNormalization
local inputs, outputs = 10, 20
local bn_net = nn.Sequential {
  nn.Input {inputs},
  nn.Dense(outputs, {name = 'dense'}),
  nn.BatchNormalization {name = 'batch_norm'},
}
compare('3. Dense + BatchNormalization', bn_net, {
  {shape = {-1, outputs}, params = formula.dense_params(inputs, outputs),
   formula = string.format('%d (%d + 1)', outputs, inputs)},
  {shape = {-1, outputs}, params = 4 * outputs, trainable = 2 * outputs,
   formula = string.format('2*%d trained + 2*%d moving', outputs, outputs)},
})

-- %% 4. Batch normalization's forward pass by hand
-- The homework's forward_batchnorm: in training, each feature's mean and (biased) variance over the
-- batch normalize it, gamma scales and beta shifts, and the moving averages follow
-- moving = beta_avg * moving + (1 - beta_avg) * batch statistic (Keras calls beta_avg momentum).
-- In test mode the moving averages stand in for the batch's statistics. The homework's data: rows
-- of standard normal values plus 200, gamma and beta uniform in [0, 1], beta_avg 0.7, eps 1e-4,
-- moving mean and variance starting at zero.
local rows, features = settings.bn_rows, settings.bn_features
local gamma, beta = tensor.rand(features), tensor.rand(features)
local cache = {mu = tensor.zeros(features), var = tensor.zeros(features)}
local function forward_batchnorm(z, mode)
  local mu, var
  if mode == 'train' then
    mu = z:mean(1)
    var = ((z - mu) * (z - mu)):mean(1)
    cache.mu = cache.mu * settings.momentum + mu * (1 - settings.momentum)
    cache.var = cache.var * settings.momentum + var * (1 - settings.momentum)
  else
    mu, var = cache.mu, cache.var
  end
  local z_norm = (z - mu) / (var + settings.epsilon):sqrt()
  return z_norm * gamma + beta
end

local layer = nn.BatchNormalization {momentum = settings.momentum, epsilon = settings.epsilon}
nn.Sequential {nn.Input {features}, layer}
layer:set_weights {gamma, beta, tensor.zeros(features), tensor.zeros(features)}

-- Differences are measured relative to the size of the values, at least 1 (as NumPy's allclose does):
-- the moving mean is near 200, where float32 itself steps by 1.5e-5.
local worst, steps, step_names = 0, {}, {}
local function differences(name, mine, theirs, short)
  local gap = ((mine - theirs):abs() / theirs:abs():clamp(1, math.huge)):max():item()
  worst = math.max(worst, gap)
  steps[#steps + 1], step_names[#steps + 1] = gap, short
  print(string.format('  %-34s largest difference %.2e', name, gap))
end
for batch = 1, settings.bn_batches do
  local z = tensor.randn(rows, features) + settings.bias
  local mine = forward_batchnorm(z, 'train')
  local theirs = layer(z, {training = true})
  -- In training each feature leaves with mean beta and standard deviation gamma (eps aside).
  print(string.format('training batch %d: output mean - beta at most %.1e, standard deviation - gamma at most %.1e',
                      batch, (mine:mean(1) - beta):abs():max():item(),
                      (mine:std(1, false, {unbiased = false}) - gamma):abs():max():item()))
  differences('output', mine, theirs, 'out ' .. batch)
  local weights = layer:get_weights()
  differences('moving mean', cache.mu, weights[3], 'mean ' .. batch)
  differences('moving variance', cache.var, weights[4], 'var ' .. batch)
end
local z = tensor.randn(rows, features) + settings.bias
print('test mode, a new batch:')
differences('output (moving statistics)', forward_batchnorm(z, 'test'), layer(z), 'test out')
local mine_test = forward_batchnorm(z, 'test')
print(string.format('test-mode output: mean %.4f, standard deviation %.4f over the batch (not 0 and 1: the moving '
                    .. 'averages started at zero and have not caught up)', mine_test:mean():item(),
                    mine_test:std():item()))

-- Training batches 1-4 (output, moving mean, moving variance after each), then the test-mode output.
plot.bar(step_names, steps, {title = 'Batch normalization by hand against nn.BatchNormalization (tolerance 1e-5)',
                             ylabel = 'largest relative difference', width = 900, height = 420})
  :save(run.output .. '/batchnorm_differences.png')

-- %% Outcome
print(string.format('SHAPES: %d comparisons, %d mismatches; batch normalization by hand within %.10f (%.2e) of the layer',
                    rows_checked, mismatches, worst, worst))
experiment.check(mismatches == 0 and worst <= settings.tolerance,
                 '%d mismatches of %d, batch normalization difference %.2e <= %.0e', mismatches, rows_checked,
                 worst, settings.tolerance)
