-- %% A variational autoencoder on Fashion-MNIST
-- The homework: the convolutional VAE of Keras' example, on Fashion-MNIST. The encoder (two strided
-- Conv2D, Dense 16) gives the mean and the log-variance of a 2-D Gaussian over the latent code; a
-- sampling layer draws z = mean + exp(log_var / 2) * eps with eps ~ N(0, I) (the
-- reparameterization trick, so the gradient flows through the mean and the variance); the decoder
-- (Dense, Reshape, three Conv2DTranspose) turns z back into an image. A custom training step
-- minimizes the negative evidence lower bound: the reconstruction loss (binary cross-entropy summed
-- over the 784 pixels) plus the KL divergence of the encoder's Gaussian from N(0, I), each tracked
-- on its own. Then the latent means of the test images, coloured by class, and a 15x15 grid of
-- images decoded from a regular grid of latent points.
--
--   lunette run scripts/vae_fashion.lua [--full] [output folder]      (default: out/vae_fashion)
--
-- Quick default: the 10,000 training and 2,000 test images embedded in Lunette, 10 epochs. --full:
-- the 60,000 + 10,000 images of the full data folder (LUNETTE_DATA, or ../shared/data beside the
-- checkout) and the example's 30 epochs of batch 128. Keras' example trains on the training and test
-- images together; here the test images are held out, to measure the reconstruction on images the
-- model has not seen.
local experiment = require 'lunette.experiment'
local run = experiment.setup('vae_fashion', arg, {'fashion-mnist'})

local tensor, nn, optim, data = require 'tensor', require 'nn', require 'optim', require 'data'
local image, plot, report = require 'image', require 'plot', require 'report'
report.open(run.output, {title = 'A variational autoencoder on Fashion-MNIST'})
local settings = run.full and {train = 60000, test = 10000, epochs = 30}
                          or {train = 10000, test = 2000, epochs = 10}
settings.batch_size, settings.latent_dim, settings.seed, settings.grid = 128, 2, 42, 15
print(string.format('mode: %s; output: %s', run.full and 'full' or 'quick', run.output))
experiment.print_settings(settings)
tensor.manual_seed(settings.seed)

-- %% Load the clothes
local train, test = data.fashion_mnist {path = run.data, train_limit = settings.train,
                                        test_limit = settings.test}
print(string.format('%d training and %d test images from %s', train.count, test.count, train.source))
local class_names = train.class_names
local x_train = train.images:float():div(255):reshape {-1, 28, 28, 1}
local x_test = test.images:float():div(255):reshape {-1, 28, 28, 1}
local titles = {}
for i = 1, 20 do titles[i] = class_names[train.labels[i] + 1] end
image.save(run.output .. '/first_images.png',
           image.grid(train.images:narrow(1, 1, 20), {titles = titles, columns = 10, scale = 3, padding = 6}))

-- %% The encoder, with a sampling layer
-- The sampling layer has no weights: a Lambda drawing fresh noise at every call.
local latent_dim = settings.latent_dim
local function sample(inputs)
  local mean, log_var = inputs[1], inputs[2]
  return mean + (log_var * 0.5):exp() * tensor.randn(mean:size(1), mean:size(2))
end
local encoder_inputs = nn.Input {28, 28, 1}
local x = nn.Conv2D(32, 3, {activation = 'relu', strides = 2, padding = 'same'})(encoder_inputs)
x = nn.Conv2D(64, 3, {activation = 'relu', strides = 2, padding = 'same'})(x)
x = nn.Flatten()(x)
x = nn.Dense(16, {activation = 'relu'})(x)
local z_mean = nn.Dense(latent_dim, {name = 'z_mean'})(x)
local z_log_var = nn.Dense(latent_dim, {name = 'z_log_var'})(x)
local z = nn.Lambda(sample, {name = 'sampling'})({z_mean, z_log_var})
local encoder = nn.Model(encoder_inputs, {z_mean, z_log_var, z}, {name = 'encoder'})
encoder:summary()

-- %% The decoder
local latent_inputs = nn.Input {latent_dim}
local y = nn.Dense(7 * 7 * 64, {activation = 'relu'})(latent_inputs)
y = nn.Reshape {7, 7, 64}(y)
y = nn.Conv2DTranspose(64, 3, {activation = 'relu', strides = 2, padding = 'same'})(y)
y = nn.Conv2DTranspose(32, 3, {activation = 'relu', strides = 2, padding = 'same'})(y)
local decoder_outputs = nn.Conv2DTranspose(1, 3, {activation = 'sigmoid', padding = 'same'})(y)
local decoder = nn.Model(latent_inputs, decoder_outputs, {name = 'decoder'})
decoder:summary()
print(string.format('encoder %d parameters, decoder %d parameters', encoder:count_params(), decoder:count_params()))

-- %% The VAE and its training step
-- The whole model is the encoder followed by the decoder on the sampled z. Its step computes both
-- terms of the loss per image, averages them over the batch, and takes one Adam step on their sum;
-- fit averages what the step returns over each epoch, as Keras' Mean trackers do. The step owns
-- its optimizer, so the model needs no compile.
local vae = nn.Model(encoder_inputs, decoder(z), {name = 'vae'})
local optimizer = optim.adam(vae:parameters())     -- Keras' Adam defaults: learning rate 0.001

local function losses(batch)
  local mean, log_var, code = encoder(batch)
  local reconstruction = decoder(code)
  -- binary cross-entropy of each pixel, summed over the image, averaged over the batch
  local reconstruction_loss = nn.losses.binary_crossentropy(batch, reconstruction, {reduction = 'sum'}) / batch:size(1)
  -- KL(N(mean, exp(log_var)) || N(0, I)) in closed form, summed over the latent dimensions
  local kl_loss = ((1 + log_var - mean:pow(2) - log_var:exp()) * -0.5):sum(2):mean()
  return reconstruction_loss + kl_loss, reconstruction_loss, kl_loss
end

local function train_step(batch)
  optimizer:zero_grad()
  local total, reconstruction_loss, kl_loss = losses(batch)
  total:backward()
  optimizer:step()
  return {loss = total, reconstruction_loss = reconstruction_loss, kl_loss = kl_loss}
end

local function test_step(batch)
  local total, reconstruction_loss, kl_loss = tensor.no_grad(function() return losses(batch) end)
  return {loss = total, reconstruction_loss = reconstruction_loss, kl_loss = kl_loss}
end

-- %% Train
local clock = require('lunette').clock
local started = clock()
local history = vae:fit(x_train, {epochs = settings.epochs, batch_size = settings.batch_size, shuffle = true,
                                  seed = settings.seed, validation_data = {x_test},
                                  train_step = train_step, test_step = test_step})
local train_seconds = clock() - started
print(string.format('trained %d epochs on %d images in %.1f s', settings.epochs, x_train:size(1), train_seconds))

-- %% Learning curves: the two terms of the loss
local curves = plot.figure {columns = 3, width = 1500, height = 440, title = 'VAE training on Fashion-MNIST (per image)'}
curves:add(plot.lines({loss = history.loss, val_loss = history.val_loss},
  {title = 'Total loss (negative ELBO)', xlabel = 'epoch', markers = true}))
curves:add(plot.lines({reconstruction_loss = history.reconstruction_loss, val_reconstruction_loss = history.val_reconstruction_loss},
  {title = 'Reconstruction (binary cross-entropy)', xlabel = 'epoch', markers = true}))
curves:add(plot.lines({kl_loss = history.kl_loss, val_kl_loss = history.val_kl_loss},
  {title = 'KL divergence', xlabel = 'epoch', markers = true}))
curves:save(run.output .. '/training.png')

-- %% Held-out reconstruction against the mean image
-- The baseline "reconstructs" every test image as the mean training image: the best constant
-- guess under binary cross-entropy. The VAE is scored both with sampled codes (the loss it was
-- trained on) and with the mean code (its most likely reconstruction).
local function per_image_bce(targets, predictions)
  return nn.losses.binary_crossentropy(targets, predictions, {reduction = 'sum'}):item() / targets:size(1)
end
local held_out = {reconstruction = 0, kl = 0, mean_code = 0}
tensor.no_grad(function()
  local count = x_test:size(1)
  for first = 1, count, 500 do
    local batch = x_test:narrow(1, first, math.min(500, count - first + 1))
    local _, reconstruction_loss, kl_loss = losses(batch)
    local share = batch:size(1) / count
    held_out.reconstruction = held_out.reconstruction + reconstruction_loss:item() * share
    held_out.kl = held_out.kl + kl_loss:item() * share
    local mean = encoder(batch)
    held_out.mean_code = held_out.mean_code + per_image_bce(batch, decoder(mean)) * share
  end
end)
local mean_image = x_train:mean(1, true):clamp(1e-7, 1 - 1e-7)
local baseline = per_image_bce(x_test, mean_image:expand(x_test:size(1), 28, 28, 1))
local margin = 1 - held_out.reconstruction / baseline
print(string.format('held-out reconstruction loss per image: %.1f with sampled codes, %.1f with the mean code; KL %.2f',
  held_out.reconstruction, held_out.mean_code, held_out.kl))
print(string.format('mean-image baseline: %.1f per image; the VAE is %.1f%% below it', baseline, 100 * margin))

-- %% Test images and their reconstructions
-- Top row: test images; bottom row: decoded from their mean codes.
local examples = x_test:narrow(1, 1, 12)
local decoded = tensor.no_grad(function() return decoder((encoder(examples))) end)
local pictures, captions = {}, {}
for i = 1, 12 do
  pictures[i], captions[i] = examples[i], class_names[test.labels[i] + 1]
  pictures[12 + i], captions[12 + i] = decoded[i], 'decoded'
end
image.save(run.output .. '/reconstructions.png',
           image.grid(pictures, {titles = captions, columns = 12, scale = 3, padding = 6}))

-- %% The latent space: the mean code of every test image, coloured by class
local codes = encoder:predict(x_test, {batch_size = 500, verbose = 0})
plot.scatter(codes:select(2, 1), codes:select(2, 2), {labels = test.labels, class_names = class_names,
  title = 'Latent means of the test images', xlabel = 'z[1]', ylabel = 'z[2]', size = 3,
  width = 820, height = 700}):save(run.output .. '/latent_space.png')

-- %% Images decoded from a regular grid of latent points
-- The grid spans the region the test images' codes occupy, from the 2nd to the 98th percentile of
-- each coordinate: after a short training the codes are not yet centred on the prior's N(0, I).
-- z[1] grows left to right, z[2] bottom to top, as in the scatter above.
local n = settings.grid
local function percentile_range(values)
  local sorted = values:sort()
  local count = sorted:size(1)
  return sorted[math.max(1, math.floor(0.02 * count))], sorted[math.ceil(0.98 * count)]
end
local low1, high1 = percentile_range(codes:select(2, 1))
local low2, high2 = percentile_range(codes:select(2, 2))
local steps1, steps2 = tensor.linspace(low1, high1, n), tensor.linspace(low2, high2, n)
print(string.format('grid: z[1] from %.2f to %.2f, z[2] from %.2f to %.2f', low1, high1, low2, high2))
local grid = tensor.zeros(n * n, latent_dim)
for row = 1, n do
  for column = 1, n do
    grid[(row - 1) * n + column][1] = steps1[column]
    grid[(row - 1) * n + column][2] = steps2[n + 1 - row]
  end
end
local generated = decoder:predict(grid, {batch_size = 256, verbose = 0})
image.save(run.output .. '/latent_grid.png', image.grid(generated, {columns = n, scale = 2, padding = 2}))

-- %% Outcome
print(string.format('VAE: held-out reconstruction loss %.1f against the mean-image baseline %.1f (%.1f%% below), KL %.2f, ' ..
  'after %d epochs on %d images (%.0f s of training)', held_out.reconstruction, baseline, 100 * margin, held_out.kl,
  settings.epochs, x_train:size(1), train_seconds))
experiment.check(encoder:count_params() == 69076 and decoder:count_params() == 65089,
  'encoder %d and decoder %d parameters, as in Keras', encoder:count_params(), decoder:count_params())
experiment.check(margin >= 0.25, 'held-out reconstruction %.1f%% below the mean-image baseline (>= 25%%)', 100 * margin)
