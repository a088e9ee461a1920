-- %% Principal components by Hebbian learning: Oja's rule and Sanger's rule on faces
-- The homework: PCA by a neural network. A linear neuron y = w'x trained by Hebb's rule alone grows
-- without bound; Oja's rule adds a forgetting term, dw = eta y (x - y w), and w converges to the
-- unit-length leading eigenvector of the input covariance: the first principal component. Sanger's
-- generalized Hebbian algorithm (GHA) extends it to k neurons, dW = eta (y x' - LT(y y') W) with
-- LT the lower triangle, each neuron learning the leading component of what the ones before it
-- leave: the first k principal components, in order. Both are written here as plain tensor
-- updates, one image at a time, and compared with PCA by eigendecomposition of the covariance
-- matrix (tensor.eigh) and by ml.PCA (singular value decomposition). The components learnt from
-- faces, shown as images, are eigenfaces; the images' projections on them feed a face / non-face
-- classifier (the homework's MLP: Dense 200 and 50 relu, a sigmoid unit).
--
-- The homework used the Yale faces, not available offline; here: 100 grey 25x25 faces from Labeled
-- Faces in the Wild and 100 non-face patches (scikit-image's lfw_subset), embedded in Lunette whole.
--
--   lunette run scripts/hebbian_pca.lua [--full] [output folder]      (default: out/hebbian_pca)
--
-- Quick default: 8 components, 200 passes over the training faces. --full: 16 components, 600 passes.
local experiment = require 'lunette.experiment'
local run = experiment.setup('hebbian_pca', arg, {'faces'})

local tensor, nn, data, ml = require 'tensor', require 'nn', require 'data', require 'ml'
local image, plot, report = require 'image', require 'plot', require 'report'
report.open(run.output, {title = 'PCA by Hebbian learning: Oja and Sanger on faces'})
local settings = {components = run.full and 16 or 8, passes = run.full and 600 or 200, test_size = 0.3,
                  seed = 1, classifier_epochs = 100}
print(string.format('mode: %s; output: %s', run.full and 'full' or 'quick', run.output))
experiment.print_settings(settings)
tensor.manual_seed(settings.seed)

-- %% Load the faces and the non-faces
local set = data.faces {path = run.data}
print(string.format('%d images of %dx%d from %s: %d %s, %d %s', set.count, set.images:size(2), set.images:size(3),
  set.source, set.labels:eq(0):sum():item(), set.class_names[1], set.labels:eq(1):sum():item(), set.class_names[2]))
local x = set.images:float():reshape {set.count, -1}       -- pixels in [0, 1], one row per image
local x_train, x_test, y_train, y_test = data.train_test_split(x, set.labels,
  {test_size = settings.test_size, seed = settings.seed, stratify = set.labels})
print(string.format('train: %d images, test: %d (stratified)', x_train:size(1), x_test:size(1)))
local pictures, captions = {}, {}
for i = 1, 8 do
  pictures[i], captions[i] = set.images[i], 'face'
  pictures[8 + i], captions[8 + i] = set.images[set.count + 1 - i], 'other'
end
image.save(run.output .. '/examples.png', image.grid(pictures, {titles = captions, columns = 8, scale = 4, padding = 6}))

-- %% The training faces, centred
-- The components are learnt from the faces of the training split alone: eigenfaces.
local rows = tensor.arange(1, x_train:size(1) + 1, {dtype = 'int64'})
local faces = x_train[rows:masked_select(y_train:eq(0))]
local mean_face = faces:mean(1, true)
local X = faces - mean_face
local N, D = X:size(1), X:size(2)
local k = settings.components
print(string.format('%d training faces of %d pixels; learning %d components', N, D, k))

-- %% PCA by eigendecomposition of the covariance matrix
-- eigh returns the eigenvalues in ascending order, the eigenvectors as columns.
local covariance = X:t():matmul(X) / (N - 1)
local eigenvalues, eigenvectors = tensor.eigh(covariance)
local E = eigenvectors:narrow(2, D - k + 1, k):flip(2):t():contiguous()   -- k x D, largest first
local lambda = eigenvalues:narrow(1, D - k + 1, k):flip(1)
local total_variance = eigenvalues:sum():item()
local shown = {}
for i = 1, k do shown[i] = string.format('%.3f', lambda[i]) end
print('largest eigenvalues: ' .. table.concat(shown, ' '))
print(string.format('the %d components explain %.1f%% of the variance', k, 100 * lambda:sum():item() / total_variance))

-- ml.PCA finds the same directions by singular value decomposition (up to sign).
local pca = ml.PCA {n_components = k}:fit(faces)
local pca_agreement = (pca.components * E):sum(2):abs():min():item()
print(string.format('ml.PCA against eigh: smallest |cos| over the %d components %.6f', k, pca_agreement))

-- |cos| of the angle between each row of W and the matching eigenvector.
local function cosines(W)
  return ((W * E:narrow(1, 1, W:size(1))):sum(2):abs() / W:pow(2):sum(2):sqrt()):reshape {-1}
end

-- %% Oja's rule: one neuron learns the first component
-- The step size is scaled by the mean squared norm of the images (as normalized LMS does) so that
-- eta * lambda stays well below 1, and it decays as the passes go on.
local norm2 = X:pow(2):sum(2):mean():item()
local eta0 = 0.5 / norm2
local function rate(pass) return eta0 / (1 + pass / 50) end
local w = tensor.randn(D, 1) * 0.01
local oja_history = {}
for pass = 1, settings.passes do
  local order, eta = tensor.randperm(N), rate(pass)
  for i = 1, N do
    local xi = X[order[i]]:reshape {D, 1}
    local y = w:t():matmul(xi)[1][1]
    w = w + (xi - w * y) * (eta * y)
  end
  oja_history[pass] = cosines(w:t())[1]
end
local oja_cosine = oja_history[#oja_history]
print(string.format("Oja's rule: |cos| with the first eigenvector %.5f, |w| = %.4f (the rule keeps it near 1)",
  oja_cosine, w:norm():item()))

-- %% Sanger's rule (GHA): k neurons learn the first k components
local W = tensor.randn(k, D) * 0.01
local gha_history = {}
for j = 1, k do gha_history[j] = {} end
local clock = require('lunette').clock
local started = clock()
for pass = 1, settings.passes do
  local order, eta = tensor.randperm(N), rate(pass)
  for i = 1, N do
    local xi = X[order[i]]:reshape {D, 1}
    local y = W:matmul(xi)                                            -- k x 1
    W = W + (y:matmul(xi:t()) - y:matmul(y:t()):tril():matmul(W)) * eta
  end
  local c = cosines(W)
  for j = 1, k do gha_history[j][pass] = c[j] end
end
local gha_cosines = cosines(W)
print(string.format('GHA: %d passes over %d faces in %.1f s', settings.passes, N, clock() - started))
local learnt_variance = (X:matmul(W:t())):var(1):reshape {-1}
for j = 1, k do
  print(string.format('  component %2d: |cos| %.5f, |w| %.4f, variance of y %.4f (eigenvalue %.4f)', j, gha_cosines[j],
    W[j]:norm():item(), learnt_variance[j], lambda[j]))
end

-- Two components whose eigenvalues are nearly equal are nearly interchangeable: any rotation
-- within their plane keeps almost the same variance, so the rule settles on each slowly. The
-- subspace the k neurons span is well defined all the same: the cosine of the largest angle
-- between it and the span of the first k eigenvectors is the smallest singular value of Q E',
-- with Q an orthonormal basis of W's rows.
local _, _, basis = W:svd()
local subspace = select(2, basis:matmul(E:t()):svd()):min():item()
local gaps = {}
for j = 1, k - 1 do gaps[j] = string.format('%.1f%%', 100 * (lambda[j] - lambda[j + 1]) / lambda[j]) end
print('gaps between successive eigenvalues: ' .. table.concat(gaps, ' '))
print(string.format('subspace of the %d GHA neurons against the first %d eigenvectors: cos of the largest angle %.5f',
  k, k, subspace))

-- %% Convergence
local convergence = plot.chart {title = '|cos| between learnt weights and eigenvectors', xlabel = 'pass over the faces',
                                ylabel = '|cos|', width = 900, height = 500, ylim = {0, 1.02}}
local passes = {}
for pass = 1, settings.passes do passes[pass] = pass end
for j = 1, k do convergence:line(passes, gha_history[j], {label = 'GHA ' .. j}) end
convergence:line(passes, oja_history, {label = 'Oja', linewidth = 3, color = 'k'})
convergence:save(run.output .. '/convergence.png')

-- %% Eigenfaces: by eigendecomposition, by GHA, by Oja
-- Each component is scaled to [0, 1] for display; the sign of a component is arbitrary, so the
-- learnt ones are flipped to match the eigenvectors.
local function as_image(v)
  local low, high = v:min():item(), v:max():item()
  return ((v - low) / (high - low)):reshape {25, 25, 1}
end
local faces_shown, face_titles = {as_image(mean_face)}, {'mean face'}
local columns = math.min(k, 8)
for j = 1, columns do
  local sign = (W[j] * E[j]):sum():item() < 0 and -1 or 1
  faces_shown[1 + j], face_titles[1 + j] = as_image(E[j]), 'eigh ' .. j
  faces_shown[1 + columns + 1 + j], face_titles[1 + columns + 1 + j] = as_image(W[j] * sign), 'GHA ' .. j
end
local oja_sign = (w:reshape {-1} * E[1]):sum():item() < 0 and -1 or 1
faces_shown[columns + 2], face_titles[columns + 2] = as_image(w:reshape {-1} * oja_sign), 'Oja'
image.save(run.output .. '/eigenfaces.png',
           image.grid(faces_shown, {titles = face_titles, columns = columns + 1, scale = 5, padding = 6}))

-- %% Face or not: a classifier on the projections
-- Every image, face or not, is centred by the mean training face and projected on the k learnt
-- components.
local function project(images) return (images - mean_face):matmul(W:t()) end
local p_train, p_test = project(x_train), project(x_test)
plot.scatter(p_test:select(2, 1), p_test:select(2, 2), {labels = y_test, class_names = set.class_names,
  title = 'Test images on the first two learnt components', xlabel = 'y1', ylabel = 'y2'})
  :save(run.output .. '/projections.png')
local classifier = nn.Sequential {
  nn.Input {k},
  nn.Dense(200, {activation = 'relu'}),
  nn.Dense(50, {activation = 'relu'}),
  nn.Dense(1, {activation = 'sigmoid'}),
}
classifier:summary()
classifier:compile {optimizer = 'adam', loss = 'binary_crossentropy', metrics = {'accuracy'}}
local history = classifier:fit(p_train, y_train:float():reshape {-1, 1}, {epochs = settings.classifier_epochs,
  batch_size = 16, validation_split = 0.2, seed = settings.seed, verbose = 0})
local predicted = classifier:predict(p_test, {verbose = 0}):reshape {-1}:gt(0.5):long()
local accuracy = predicted:eq(y_test):float():mean():item()
local majority = math.max(y_test:eq(0):sum():item(), y_test:eq(1):sum():item()) / y_test:size(1)
print(string.format('classifier: final loss %.4f, val_accuracy %.3f; test accuracy %.4f (majority class %.2f)',
  history.loss[#history.loss], history.val_accuracy[#history.val_accuracy], accuracy, majority))
plot.confusion_matrix(y_test, predicted, {labels = set.class_names, title = 'Test images', width = 460, height = 400})
  :save(run.output .. '/confusion.png')

-- %% Outcome
-- The check covers the first 8 components one by one (the quick default learns just these) and
-- the whole learnt subspace.
local checked = math.min(k, 8)
local worst = gha_cosines:narrow(1, 1, checked):min():item()
print(string.format('HEBBIAN PCA: Oja |cos| %.5f; GHA smallest |cos| over the first %d components %.5f, subspace of %d %.5f; ' ..
  'ml.PCA %.5f; face classifier test accuracy %.4f', oja_cosine, checked, worst, k, subspace, pca_agreement, accuracy))
experiment.check(oja_cosine >= 0.99 and worst >= 0.99 and subspace >= 0.99,
  "Oja's first component (|cos| %.4f), GHA's first %d (smallest %.4f) and its %d-dimensional subspace (%.4f) " ..
  "match eigh's, |cos| >= 0.99", oja_cosine, checked, worst, k, subspace)
experiment.check(accuracy >= 0.95, 'face / non-face test accuracy %.4f >= 0.95', accuracy)
