-- Colorization with a convolutional autoencoder: grey patches in, colour patches out.
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

-- The data: the embedded copy beside this script's checkout (named explicitly, so that LUNETTE_DATA
-- does not turn the quick mode into a full run), or with --full the full data sets' folder.
local here = arg[0]:match('^(.*)/[^/]*$') or '.'
local function data_folder(name)
  return (run.data or here .. '/../data') .. '/' .. name
end

local settings = {
  patch = full and 48 or 32,           -- patch side in pixels
  width = full and 32 or 16,           -- channels of the first convolution (x2, x4 deeper in)
  train_patches = full and 3000 or 1600,
  test_patches = full and 1000 or 400,
  holdout = 0.3,                       -- the bottom 30% of every photograph is for testing
  epochs = full and 8 or 5,            -- the RGB network
  lab_epochs = full and 5 or 3,        -- the L*a*b* network
  batch_size = 32,
  seed = 7,
}
tensor.manual_seed(settings.seed)
local keys = {}
for key in pairs(settings) do keys[#keys + 1] = key end
table.sort(keys)
for _, key in ipairs(keys) do print(string.format('%-14s %s', key, tostring(settings[key]))) end

-- %% Load the photographs and cut patches
local photos = data.images {path = data_folder('images')}
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
-- patch size. The last layer gives three channels in [0, 1] (sigmoid): the predicted R, G and B.
local w = settings.width
local model = nn.Sequential {
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
  nn.Conv2D(3, 3, {padding = 'same', activation = 'sigmoid'}),
}
model:summary()

-- %% Train
model:compile {optimizer = 'adam', loss = 'mse'}
local history = model:fit(x_train, y_train, {epochs = settings.epochs, batch_size = settings.batch_size,
                                             validation_split = 0.1, seed = settings.seed})
plot.lines({loss = history.loss, val_loss = history.val_loss},
           {title = 'Training of the RGB network (the homework\'s)', xlabel = 'epoch', ylabel = 'MSE of R, G, B'})
  :save(output .. '/loss.png')

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
local lab_model = nn.Sequential {
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
  nn.Conv2D(2, 3, {padding = 'same', activation = 'tanh'}),
}
lab_model:compile {optimizer = 'adam', loss = 'mse'}
local lab_history = lab_model:fit(l_train, ab_train, {epochs = settings.lab_epochs, batch_size = settings.batch_size,
                                                      validation_split = 0.1, seed = settings.seed})
local lab_predicted = image.lab_to_rgb(tensor.cat({l_test * 100, lab_model:predict(l_test) * 128}, 4))
local lab_mse = mse(lab_predicted, y_test)
-- For comparison: the true L* with no colour at all (a* = b* = 0), this network's starting point.
local lab_grey = mse(image.lab_to_rgb(tensor.cat({l_test * 100, tensor.zeros(settings.test_patches, size, size, 2)}, 4)), y_test)
print(string.format('L*a*b* with a* = b* = 0 (grey of the true lightness): test MSE %.5f', lab_grey))
local lab_gain = 1 - lab_mse / baseline
print(string.format('L*a*b* variant: test MSE %.5f against the grey baseline %.5f: %.1f%% lower', lab_mse, baseline, 100 * lab_gain))
plot.lines({loss = lab_history.loss, val_loss = lab_history.val_loss},
           {title = 'Training of the L*a*b* network', xlabel = 'epoch', ylabel = 'MSE of a*/128, b*/128'})
  :save(output .. '/lab_loss.png')

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
assert(gain >= 0.10, string.format('colorize: the test MSE %.5f is only %.1f%% below the grey baseline %.5f (need 10%%)',
                                   test_mse, 100 * gain, baseline))
assert(lab_gain >= 0.10, string.format('colorize: the L*a*b* variant\'s test MSE %.5f is only %.1f%% below the grey baseline %.5f (need 10%%)',
                                       lab_mse, 100 * lab_gain, baseline))
print('colorize: outcome reached')
