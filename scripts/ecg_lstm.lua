-- %% ECG5000: normal or abnormal heartbeat? An LSTM reads each beat
-- The homework: 5,000 heartbeats of 140 samples from the ECG5000 set (UCR archive; one patient
-- with congestive heart failure), labelled normal (class 1) or abnormal (classes 2-5). An LSTM
-- with 50 units reads each beat sample by sample and a sigmoid unit says how likely the beat is
-- normal. Binary cross-entropy and Adam on 75% of the beats (batch 32, shuffled, 10% of them held
-- out for validation), 10 epochs; tested on the other 25%.
--
--   lunette run scripts/ecg_lstm.lua [--full] [output folder]    (default folder: out/ecg_lstm)
--
-- The whole set ships with Lunette, so the quick default and --full train on the same 5,000 beats;
-- --full reads them from the full data folder (LUNETTE_DATA, or ../shared/data beside the checkout).
local experiment = require 'lunette.experiment'
local run = experiment.setup('ecg_lstm', arg, {'ecg5000'})

local tensor, nn, data = require 'tensor', require 'nn', require 'data'
local plot, report = require 'plot', require 'report'
report.open(run.output, {title = 'ECG5000: normal or abnormal heartbeat? (LSTM)'})
local settings = {epochs = 10, batch_size = 32, validation_split = 0.1, units = 50, seed = 42}
print(string.format('mode: %s; output: %s', run.full and 'full' or 'quick', run.output))
tensor.manual_seed(settings.seed)

-- %% Load the heartbeats
local beats = data.ecg5000 {pool = true, path = run.data}
print(string.format('%d beats of %d samples from %s', beats.count, beats.x:size(2), beats.source))
local class_names = {'normal', 'R-on-T PVC', 'PVC', 'SP or EB', 'unclassified'}
for class = 1, 5 do
  local count = beats.classes:eq(class):sum():item()
  print(string.format('  class %d (%-12s) %5d beats', class, class_names[class], count))
end
local normal_count = beats.normal:sum():item()
print(string.format('normal: %d, abnormal: %d', normal_count, beats.count - normal_count))

-- %% Look at the beats: the mean beat of each class
local time = {}
for t = 1, beats.x:size(2) do time[t] = t end
local means = plot.chart {title = 'Mean beat of each class (number of beats)', xlabel = 'sample',
                          ylabel = 'amplitude (z-normalized)', width = 800, height = 480}
local positions = tensor.arange(1, beats.count + 1, {dtype = 'int64'})
for class = 1, 5 do
  local members = beats.x[positions:masked_select(beats.classes:eq(class))]
  local label = string.format('%d %s (%d)', class, class_names[class], members:size(1))
  means:line(time, members:mean(1), {label = label})
end
means:save(run.output .. '/class_means.png')

-- %% Preprocess: one channel per time step, labels 1 = normal, a seeded 75/25 split
-- The beats are z-normalized already (each has mean 0 and standard deviation 1), as the UCR
-- archive ships them, so they go to the network as they are.
local x = beats.x:reshape {-1, beats.x:size(2), 1}
local y = beats.normal:float():reshape {-1, 1}
local x_train, x_test, y_train, y_test, classes_train, classes_test =
  data.train_test_split(x, y, beats.classes, {test_size = 0.25, seed = settings.seed})
print(string.format('train: %d beats (%.1f%% normal); test: %d beats (%.1f%% normal)',
  x_train:size(1), 100 * y_train:mean():item(), x_test:size(1), 100 * y_test:mean():item()))

-- %% Build the model: LSTM(50) and a sigmoid unit
local model = nn.Sequential {
  nn.Input {beats.x:size(2), 1},
  nn.LSTM(settings.units),
  nn.Dense(1, {activation = 'sigmoid'}),
}
model:summary()
model:compile {optimizer = 'adam', loss = 'binary_crossentropy', metrics = {'accuracy'}}

-- %% Train
local started = os.time()
local history = model:fit(x_train, y_train, {
  epochs = settings.epochs, batch_size = settings.batch_size, shuffle = true,
  validation_split = settings.validation_split, seed = settings.seed,
})
print(string.format('trained %d epochs in %d s', settings.epochs, os.time() - started))

-- %% Learning curves
plot.lines({loss = history.loss, val_loss = history.val_loss},
           {title = 'Binary cross-entropy', xlabel = 'epoch', ylabel = 'loss', markers = true})
  :save(run.output .. '/loss.png')
plot.lines({accuracy = history.accuracy, val_accuracy = history.val_accuracy},
           {title = 'Accuracy', xlabel = 'epoch', ylabel = 'accuracy', markers = true})
  :save(run.output .. '/accuracy.png')

-- %% Evaluate on the test beats
local test_loss = model:evaluate(x_test, y_test).loss
local p_normal = model:predict(x_test, {verbose = 0}):reshape {-1}
local predicted = p_normal:gt(0.5):long()
local truth = y_test:reshape {-1}:long()
local correct = predicted:eq(truth)
local accuracy = correct:float():mean():item()
print(string.format('test loss %.4f, test accuracy %.4f (%d of %d beats)', test_loss, accuracy,
  correct:long():sum():item(), x_test:size(1)))
for class = 1, 5 do
  local members = classes_test:eq(class)
  local count = members:long():sum():item()
  local right = correct:masked_select(members):long():sum():item()
  print(string.format('  class %d (%-12s) %4d test beats, %5.1f%% classified right',
    class, class_names[class], count, 100 * right / count))
end
plot.confusion_matrix(truth, predicted, {labels = {'abnormal', 'normal'}, title = 'Test beats',
                                         width = 480, height = 400})
  :save(run.output .. '/confusion.png')

-- %% Example beats with their predicted labels
-- Four normal and four abnormal test beats; when the model got a beat of the row wrong, the first
-- such beat comes first, drawn in red.
local function examples(label)
  local chosen, wrong = {}, nil
  for i = 1, x_test:size(1) do
    if truth[i] == label then
      if not correct[i] then wrong = wrong or i
      elseif #chosen < 4 then chosen[#chosen + 1] = i end
    end
  end
  if wrong then table.insert(chosen, 1, wrong); chosen[5] = nil end
  return chosen
end
local figure = plot.figure {rows = 2, columns = 4, width = 1400, height = 640,
  title = 'Test beats: true and predicted labels (p = predicted probability of normal)'}
local label_names = {[0] = 'abnormal', [1] = 'normal'}
local colours = {[0] = '#ff7f0e', [1] = '#1f77b4'}
for _, label in ipairs {1, 0} do
  for _, i in ipairs(examples(label)) do
    local title = string.format('true %s, predicted %s (p = %.2f)', label_names[label],
                                label_names[predicted[i]], p_normal[i])
    local chart = plot.chart {title = title, xlabel = 'sample', legend = false}
    chart:line(time, x_test[i]:reshape {-1}, {color = correct[i] and colours[label] or '#d62728'})
    figure:add(chart)
  end
end
figure:save(run.output .. '/examples.png')

-- %% Outcome
print(string.format('ECG5000 LSTM: test accuracy %.4f, test loss %.4f after %d epochs',
  accuracy, test_loss, settings.epochs))
experiment.check(accuracy >= 0.95, 'test accuracy %.4f >= 0.95', accuracy)
