-- %% Colorization with a convolutional autoencoder: grey patches in, colour patches out.
--
--   lunette run scripts/colorize.lua [--full] [output folder]        (default: out/colorize)
--
-- The homework: cut square patches from colour photographs, train a convolutional autoencoder
-- (Conv2D + MaxPooling2D down, UpSampling2D + Conv2D back up) that takes the grey patch and predicts
-- its colours, and compare its test error with the baseline that copies the grey value into R, G
-- and B. The bottom 30% of every photograph is held out: test patches come only from there, training
-- patches only from above it, so no test pixel is ever seen in training. The quick default uses the
-- 8 embedded photographs (at most 256 px) and a small training set; --full uses the 25 photographs
-- of the shared data folder at full size, more patches and more epochs.
-- Outcome checked at the end: the test MSE is at least 10% below the grey baseline.

-- %% Settings
local tensor, data, image, plot, report = require 'tensor', require 'data', require 'image', require 'plot', require 'report'
local nn = require 'nn'

local experiment = require 'lunette.experiment'
local run = experiment.setup('colorize', arg, {'images'})
local full, output = run.full, run.output
report.open(output, {title = 'Colorization autoencoder' .. (full and ' (full)' or '')})

local settings = {
  patch = full and 48 or 32,           -- patch side in pixels
  width = full and 32 or 16,           -- channels of the first convolution (x2, x4 deeper in)
  train_patches = full and 8000 or 1600,
  test_patches = full and 1000 or 400,
  holdout = 0.3,                       -- the bottom 30% of every photograph is for testing
  epochs = full and 10 or 5,           -- the RGB network
  lab_epochs = full and 10 or 3,       -- the L*a*b* network
  batch_size = 32,
  seed = 7,
}
tensor.manual_seed(settings.seed)
experiment.print_settings(settings)

-- %% Load the photographs and cut patches
local photos = data.images {path = run.folder('images')}
local sizes = {}
for i, name in ipairs(photos.names) do
  sizes[i] = string.format('%s %dx%d', name, photos.images[i]:size(2), photos.images[i]:size(1))
end
print(photos.count .. ' photographs: ' .. table.concat(sizes, ', '))

local size = settings.patch
local y_train = data.patches(photos.images, {size = size, count = settings.train_patches, region = 'train',
                                             holdout = settings.holdout, seed = settings.seed})
local y_test, test_sources = data.patches(photos.images, {size = size, count = settings.test_patches, region = 'test',
                                                          holdout = settings.holdout, seed = settings.seed + 1})
local x_train, x_test = data.grey(y_train), data.grey(y_test)
local function shape(t) return table.concat(t:shape(), 'x') end
print(string.format('training patches %s (grey inputs %s), test patches %s from the held-out bottom rows',
                    shape(y_train), shape(x_train), shape(y_test)))

-- %% The baseline: copy the grey value into R, G and B
local function mse(a, b) return ((a - b) ^ 2):mean():item() end
local baseline = mse(image.grey_to_rgb(x_test), y_test)
print(string.format('baseline test MSE (grey copied into R, G, B): %.5f', baseline))

-- %% The convolutional autoencoder
-- The encoder halves the patch twice while widening the channels; the decoder upsamples back to the
-- patch size. The last layer gives `outputs` channels through `activation`: here three in [0, 1]
-- (sigmoid), the predicted R, G and B.
local w = settings.width
local function autoencoder(outputs, activation)
  return nn.Sequential {
    nn.Input {size, size, 1},
    nn.Conv2D(w, 3, {padding = 'same', activation = 'relu'}),
    nn.MaxPooling2D(2),
    nn.Conv2D(2 * w, 3, {padding = 'same', activation = 'relu'}),
    nn.MaxPooling2D(2),
    nn.Conv2D(4 * w, 3, {padding = 'same', activation = 'relu'}),
    nn.UpSampling2D(2),
    nn.Conv2D(2 * w, 3, {padding = 'same', activation = 'relu'}),
    nn.UpSampling2D(2),
    nn.Conv2D(w, 3, {padding = 'same', activation = 'relu'}),
    nn.Conv2D(outputs, 3, {padding = 'same', activation = activation}),
  }
end
local model = autoencoder(3, 'sigmoid')
model:summary()

-- %% Train
-- Adam on the mean squared error, 10% of the training patches held out for validation. With Adam's
-- learning rate of 0.001 the error jumps by a few percent from epoch to epoch, so the rate is halved
-- whenever the validation loss stops falling, and the weights of the epoch with the lowest
-- validation loss are kept (the test patches play no part in that choice). The loss curves are
-- drawn to `picture`.
local function train(network, x, y, epochs, title, ylabel, picture)
  network:compile {optimizer = 'adam', loss = 'mse'}
  local history = network:fit(x, y, {epochs = epochs, batch_size = settings.batch_size,
                                     validation_split = 0.1, seed = settings.seed, callbacks = {
                                       nn.callbacks.ReduceLROnPlateau {factor = 0.5, patience = 1, verbose = 1},
                                       nn.callbacks.EarlyStopping {patience = 3, restore_best_weights = true}}})
  plot.lines({loss = history.loss, val_loss = history.val_loss}, {title = title, xlabel = 'epoch', ylabel = ylabel})
    :save(output .. '/' .. picture)
end
train(model, x_train, y_train, settings.epochs, 'Training of the RGB network (the homework\'s)', 'MSE of R, G, B', 'loss.png')

-- %% Evaluate on the held-out patches
local predicted = model:predict(x_test)
local test_mse = mse(predicted, y_test)
local gain = 1 - test_mse / baseline
print(string.format('test MSE %.5f against the grey baseline %.5f: %.1f%% lower', test_mse, baseline, 100 * gain))

-- %% A variant: predict only the colour, in CIE L*a*b*
-- L*a*b* separates lightness (L*) from colour (a*, b*). The network sees L* and predicts a* and b*
-- (scaled to about [-1, 1], tanh output); the picture is put back together from the true L* and the
-- predicted colour, so its detail stays sharp. A prediction of zero colour is the grey picture, where
-- this network starts from.
local lab_train, lab_test = image.rgb_to_lab(y_train), image.rgb_to_lab(y_test)
local l_train, l_test = lab_train:narrow(4, 1, 1) / 100, lab_test:narrow(4, 1, 1) / 100
local ab_train = lab_train:narrow(4, 2, 2) / 128
local lab_model = autoencoder(2, 'tanh')
train(lab_model, l_train, ab_train, settings.lab_epochs, 'Training of the L*a*b* network', 'MSE of a*/128, b*/128', 'lab_loss.png')
local lab_predicted = image.lab_to_rgb(tensor.cat({l_test * 100, lab_model:predict(l_test) * 128}, 4))
local lab_mse = mse(lab_predicted, y_test)
-- For comparison: the true L* with no colour at all (a* = b* = 0), this network's starting point.
local lab_grey = mse(image.lab_to_rgb(tensor.cat({l_test * 100, tensor.zeros(settings.test_patches, size, size, 2)}, 4)), y_test)
print(string.format('L*a*b* with a* = b* = 0 (grey of the true lightness): test MSE %.5f', lab_grey))
local lab_gain = 1 - lab_mse / baseline
print(string.format('L*a*b* variant: test MSE %.5f against the grey baseline %.5f: %.1f%% lower', lab_mse, baseline, 100 * lab_gain))

-- %% Test errors side by side (MSE of R, G, B on the held-out patches)
plot.chart {title = 'Test MSE on held-out patches (lower is better)', ylabel = 'MSE of R, G, B'}
  :bar({'grey copied', 'Lab, no colour', 'RGB net', 'Lab net'}, {baseline, lab_grey, test_mse, lab_mse})
  :save(output .. '/test_mse.png')

-- %% Held-out patches: grey input, predicted colour, true colour
-- Four rows: the grey patches the networks see, the RGB network's colours, the L*a*b* network's
-- colours, and the photographs' own colours.
local shown = math.min(8, settings.test_patches)
local pictures, titles = {}, {}
local rows = {{image.grey_to_rgb(x_test)}, {predicted, 'RGB net'}, {lab_predicted, 'Lab net'}, {y_test, 'true'}}
for r, row in ipairs(rows) do
  for i = 1, shown do
    pictures[#pictures + 1] = row[1][i]
    titles[#titles + 1] = row[2] or photos.names[test_sources[i]]
  end
end
image.save(output .. '/colorized.png', image.grid(pictures, {columns = shown, titles = titles, scale = math.max(1, 96 // size)}))
print('grid of held-out patches: ' .. output .. '/colorized.png')

-- %% Outcome
print(string.format('OUTCOME test MSE %.5f, grey baseline %.5f, %.1f%% below the baseline', test_mse, baseline, 100 * gain))
print(string.format('OUTCOME L*a*b* variant: test MSE %.5f, %.1f%% below the baseline (%.5f with no colour)', lab_mse, 100 * lab_gain, lab_grey))
experiment.check(gain >= 0.10, 'RGB network: test MSE %.5f is %.1f%% below the grey baseline %.5f (need 10%%)',
                 test_mse, 100 * gain, baseline)
experiment.check(lab_gain >= 0.10, 'L*a*b* variant: test MSE %.5f is %.1f%% below the grey baseline %.5f (need 10%%)',
                 lab_mse, 100 * lab_gain, baseline)
