-- %% MNIST: a CNN reads handwritten digits; Grad-CAM and CAM show where it looks
-- The homework: the Keras CNN for MNIST (three Conv2D + MaxPooling2D blocks, Dense 128, Dense 10
-- softmax; Adam, batch 64), its training curves and test accuracy, then Grad-CAM heatmaps of the
-- last convolution for ten test digits: the gradient of the predicted class's probability with
-- respect to the last convolution's feature maps, averaged over each map, weighs the maps. Then
-- CAM: the same convolutions followed by GlobalAveragePooling2D + Dense, whose class activation
-- maps are the Dense weights of a class times the last feature maps, with no gradient needed.
--
--   lunette run scripts/mnist_gradcam.lua [--full] [output folder]
--
-- Output goes to out/mnist_gradcam unless a folder is named. Quick default: the 10,000 training
-- and 2,000 test digits embedded in Lunette, 8 epochs. --full: the 60,000 + 10,000 digits of the
-- full data folder (LUNETTE_DATA, or ../shared/data beside the checkout) and the homework's 15
-- epochs. The CAM network trains 5 epochs in the quick default, 2 with --full.
local experiment = require 'lunette.experiment'
local run = experiment.setup('mnist_gradcam', arg, {'mnist'})

local tensor, autograd, nn = require 'tensor', require 'autograd', require 'nn'
local data, image, plot, report = require 'data', require 'image', require 'plot', require 'report'
report.open(run.output, {title = 'MNIST: a CNN, Grad-CAM and CAM'})
-- The CAM network trains longer on the quick default's fewer digits.
local settings = run.full and {train = 60000, test = 10000, epochs = 15, cam_epochs = 2, threshold = 0.99}
                          or {train = 10000, test = 2000, epochs = 8, cam_epochs = 5, threshold = 0.97}
settings.batch_size, settings.validation_split, settings.seed = 64, 0.1, 42
print(string.format('mode: %s; output: %s', run.full and 'full' or 'quick', run.output))
tensor.manual_seed(settings.seed)

-- %% Load the digits
-- The quick default asks for the first images explicitly, so it reads the same digits whether the
-- loader finds the embedded subset or the full set (LUNETTE_DATA).
local train, test = data.mnist {path = run.data, train_limit = settings.train,
                                test_limit = settings.test}
print(string.format('%d training and %d test digits from %s', train.count, test.count, train.source))

-- %% The first training images and their labels
local titles = {}
for i = 1, 10 do titles[i] = 'label ' .. train.labels[i] end
local first = image.grid(train.images:narrow(1, 1, 10),
                         {titles = titles, columns = 5, scale = 4, padding = 6})
image.save(run.output .. '/first_images.png', first)

-- %% Preprocess: pixels in [0, 1], one channel, one-hot labels
local function prepare(split)
  return split.images:float():div(255):reshape {-1, 28, 28, 1}, data.one_hot(split.labels, 10)
end
local x_train, y_train = prepare(train)
local x_test, y_test = prepare(test)
local function shape(t) return table.concat(t:shape(), 'x') end
print(string.format('x_train %s, y_train %s; x_test %s, y_test %s',
  shape(x_train), shape(y_train), shape(x_test), shape(y_test)))

-- %% Build the CNN
local model = nn.Sequential {
  nn.Input {28, 28, 1},
  nn.Conv2D(32, 3, {padding = 'same', activation = 'relu', name = 'conv1'}),
  nn.MaxPooling2D(2),
  nn.Conv2D(64, 3, {padding = 'same', activation = 'relu', name = 'conv2'}),
  nn.MaxPooling2D(2),
  nn.Conv2D(64, 3, {padding = 'same', activation = 'relu', name = 'last_conv'}),
  nn.MaxPooling2D(2),
  nn.Flatten(),
  nn.Dense(128, {activation = 'relu'}),
  nn.Dense(10, {activation = 'softmax'}),
}
model:summary()
model:compile {optimizer = 'adam', loss = 'categorical_crossentropy', metrics = {'accuracy'}}

-- %% Train
local clock = os.time()
local history = model:fit(x_train, y_train, {
  epochs = settings.epochs, batch_size = settings.batch_size,
  validation_split = settings.validation_split, seed = settings.seed,
})
local train_seconds = os.time() - clock
print(string.format('trained %d epochs on %d digits in %d s',
  settings.epochs, x_train:size(1), train_seconds))

-- %% Training curves
local curves = plot.figure {columns = 2, width = 1200, height = 440, title = 'CNN training on MNIST'}
curves:add(plot.lines({loss = history.loss, val_loss = history.val_loss},
  {title = 'Categorical cross-entropy', xlabel = 'epoch', ylabel = 'loss', markers = true}))
curves:add(plot.lines({accuracy = history.accuracy, val_accuracy = history.val_accuracy},
  {title = 'Accuracy', xlabel = 'epoch', ylabel = 'accuracy', markers = true}))
curves:save(run.output .. '/training.png')

-- %% Evaluate on the test digits
local function test_accuracy(network)
  local probabilities = network:predict(x_test, {batch_size = 256, verbose = 0})
  local predicted = probabilities:argmax(2) - 1
  return predicted:eq(test.labels):float():mean():item(), predicted
end
local accuracy, predicted = test_accuracy(model)
print(string.format('CNN test accuracy: %.4f (%d test digits)', accuracy, x_test:size(1)))
plot.confusion_matrix(test.labels, predicted, {labels = test.class_names,
                      title = 'CNN on the test digits', width = 560, height = 500})
  :save(run.output .. '/confusion.png')

-- %% Grad-CAM on ten test digits
-- One model with two outputs: the last convolution's feature maps and the class probabilities,
-- both remembering how they were made, so autograd can take the gradient of each digit's
-- predicted-class probability with respect to the feature maps.
local examples = x_test:narrow(1, 1, 10)
local grad_model = nn.Model(model.input, {model:layer('last_conv').output, model.output})
local conv, probabilities = grad_model(examples)
local top = probabilities:max(2)                       -- each digit's predicted-class probability
local grads = autograd.grad(top:sum(), conv)           -- 10 x 7 x 7 x 64
local weights = grads:mean({2, 3}, true)               -- one weight per feature map and digit
local gradcam = (conv * weights):sum(4):relu():detach() -- 10 x 7 x 7

-- Rows: each digit (true and predicted label), the heatmap alone, the heatmap over the digit.
local function heatmap_rows(maps, predicted_labels, name)
  local pictures, captions = {}, {}
  local heat = image.heatmap_overlay(examples, maps, {alpha = 1})
  local overlay = image.heatmap_overlay(examples, maps, {alpha = 0.45})
  for i = 1, 10 do
    pictures[i] = examples[i]
    captions[i] = string.format('true %d, pred %d', test.labels[i], predicted_labels[i])
    pictures[10 + i], captions[10 + i] = heat[i], name
    pictures[20 + i], captions[20 + i] = overlay[i], 'overlay'
  end
  return image.grid(pictures, {titles = captions, columns = 10, scale = 4, padding = 6})
end
image.save(run.output .. '/gradcam.png', heatmap_rows(gradcam, predicted:narrow(1, 1, 10), 'Grad-CAM'))

-- %% CAM: the same convolutions, then GlobalAveragePooling2D + Dense
-- CAM needs a network whose last feature maps are averaged over the image and fed straight to the
-- class scores. This one starts from the trained CNN's convolution weights (copied into layers of
-- its own, so the CNN stays as it is); the first two stay frozen, and the last convolution and
-- the new Dense layer train for a short while to suit the averaging.
local cam_net = nn.Sequential {
  nn.Input {28, 28, 1},
  nn.Conv2D(32, 3, {padding = 'same', activation = 'relu', name = 'cam_conv1'}),
  nn.MaxPooling2D(2),
  nn.Conv2D(64, 3, {padding = 'same', activation = 'relu', name = 'cam_conv2'}),
  nn.MaxPooling2D(2),
  nn.Conv2D(64, 3, {padding = 'same', activation = 'relu', name = 'cam_last_conv'}),
  nn.GlobalAveragePooling2D(),
  nn.Dense(10, {activation = 'softmax', name = 'classes'}),
}
for _, name in ipairs {'conv1', 'conv2', 'last_conv'} do
  cam_net:layer('cam_' .. name):set_weights(model:layer(name):get_weights())
end
cam_net:layer('cam_conv1').trainable = false
cam_net:layer('cam_conv2').trainable = false
cam_net:summary()
cam_net:compile {optimizer = 'adam', loss = 'categorical_crossentropy', metrics = {'accuracy'}}
cam_net:fit(x_train, y_train, {
  epochs = settings.cam_epochs, batch_size = settings.batch_size,
  validation_split = settings.validation_split, seed = settings.seed,
})
local cam_accuracy, cam_predicted = test_accuracy(cam_net)
print(string.format('CAM network test accuracy: %.4f after %d epochs', cam_accuracy, settings.cam_epochs))

-- The class activation map of digit i for its predicted class c: the last feature maps
-- (7 x 7 x 64) times the column of the Dense kernel (64 x 10) for c.
local kernel = cam_net:layer('classes').weights[1]
local features = nn.Model(cam_net.input, cam_net:layer('cam_last_conv').output)(examples):detach()
local cam_predictions = cam_predicted:narrow(1, 1, 10)
local cams = {}
for i = 1, 10 do
  local column = kernel:narrow(2, cam_predictions[i] + 1, 1)
  cams[i] = features[i]:matmul(column):reshape {1, 7, 7}
end
image.save(run.output .. '/cam.png', heatmap_rows(tensor.cat(cams, 1), cam_predictions, 'CAM'))

-- %% Outcome
print(string.format('MNIST CNN: test accuracy %.4f after %d epochs on %d digits (%d s of training)',
  accuracy, settings.epochs, x_train:size(1), train_seconds))
print(string.format('CAM network (GAP + Dense): test accuracy %.4f', cam_accuracy))
experiment.check(accuracy >= settings.threshold, 'CNN test accuracy %.4f >= %.2f',
  accuracy, settings.threshold)
