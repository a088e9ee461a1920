-- The ml module (lib/ml): k-means, PCA, the classification report, ROC curves, the silhouette and
-- the adjusted Rand index give scikit-learn's numbers on the same data; seeded k-means repeats
-- itself; wrong arguments are Lua errors that name the function and the argument, at the caller's line.
local check = require 'support.check'
local tensor = require 'tensor'
local ml = require 'ml'

-- scikit-learn's numbers on small seeded data: Tests/Fixtures/ml/ml_reference.lua, written by
-- Tests/Fixtures/ml/make_ml_reference.py (its header says how to run it).
local reference = dofile('Tests/Fixtures/ml/ml_reference.lua')

local function line() return debug.getinfo(2, 'l').currentline end

-- Largest absolute difference between a tensor and a nested table of numbers of the same shape.
local function max_difference(t, expected)
  return (t - tensor(expected)):abs():max():item()
end

local function check_close(t, expected, tolerance, what)
  local difference = max_difference(t, expected)
  check.truthy(difference <= tolerance, string.format('%s: differs by %g (tolerance %g)', what, difference, tolerance))
end

-- |actual − expected| <= tolerance · |expected|, element by element.
local function check_relative(t, expected, tolerance, what)
  local actual = type(t) == 'number' and {t} or t:totable()
  expected = type(expected) == 'number' and {expected} or expected
  for i, value in ipairs(expected) do
    check.near(actual[i], value, tolerance * math.abs(value), what .. '[' .. i .. ']')
  end
end

local blobs = reference.kmeans
local x_blobs = tensor(blobs.x)

check.test('k-means finds the partition and the inertia that scikit-learn finds on three blobs', function()
  local model = ml.KMeans{n_clusters = 3, seed = 1}:fit(x_blobs)
  check_relative(model.inertia, blobs.inertia, 1e-6, 'inertia')
  check.equal(model.labels:dtype(), 'int64')
  check.equal(model.labels:size(1), 60)
  -- The same partition, whatever numbers the clusters got.
  check.equal(ml.adjusted_rand_score(model.labels, blobs.labels), 1.0)
  -- Cluster c here is cluster sklearn[c] there: compare the centers and the distances to them.
  local ours, theirs = model.labels:totable(), blobs.labels
  local sklearn_cluster = {}
  for i, c in ipairs(ours) do sklearn_cluster[c] = theirs[i] end
  local distances = model:transform(x_blobs:narrow(1, 1, 5))
  for c = 1, 3 do
    check_close(model.cluster_centers[c], blobs.centers[sklearn_cluster[c]], 1e-4, 'center ' .. c)
    for row = 1, 5 do
      check.near(distances[row][c], blobs.transform[row][sklearn_cluster[c]], 1e-4, 'distance ' .. row .. ', ' .. c)
    end
  end
  check.truthy(model.n_iter >= 1 and model.n_iter <= 300, 'n_iter ' .. model.n_iter)
  check.truthy(model:predict(x_blobs):eq(model.labels):all(), 'predict gives the fitted labels')
  check.truthy(ml.KMeans(3, {seed = 1}):fit_predict(x_blobs):eq(model.labels):all(), 'fit_predict gives the same labels')
  check.truthy(tostring(model):find('KMeans(n_clusters=3', 1, true), tostring(model))
end)

check.test('k-means with a seed repeats itself, whatever else draws random numbers', function()
  tensor.manual_seed(3)
  local x = tensor.randn(200, 4)
  local first = ml.KMeans{n_clusters = 6, n_init = 3, seed = 42}:fit(x)
  math.random()
  tensor.rand(5)
  local second = ml.KMeans{n_clusters = 6, n_init = 3, seed = 42}:fit(x)
  check.equal(second.inertia, first.inertia)
  check.truthy(second.labels:eq(first.labels):all(), 'same labels')
  check.truthy(second.cluster_centers:eq(first.cluster_centers):all(), 'same centers')
  -- Without a seed, math.randomseed makes runs repeatable.
  math.randomseed(7)
  local unseeded = ml.KMeans{n_clusters = 6, n_init = 1}:fit(x).inertia
  math.randomseed(7)
  check.equal(ml.KMeans{n_clusters = 6, n_init = 1}:fit(x).inertia, unseeded)
  -- More restarts never end with a higher inertia than their first one.
  check.truthy(ml.KMeans{n_clusters = 6, n_init = 10, seed = 42}:fit(x).inertia <=
               ml.KMeans{n_clusters = 6, n_init = 1, seed = 42}:fit(x).inertia, 'restarts keep the lowest inertia')
end)

check.test('k-means with duplicate rows: the inertia is 0, empty clusters are relocated', function()
  local x = tensor{{0, 0}, {0, 0}, {1, 1}, {1, 1}, {5, 5}, {5, 5}}
  local model = ml.KMeans{n_clusters = 3, seed = 2}:fit(x)
  check.equal(model.inertia, 0)
  check.equal(ml.adjusted_rand_score(model.labels, {1, 1, 2, 2, 3, 3}), 1.0)
  -- More clusters than distinct rows: empty clusters are relocated and none ends as 0/0 (a warning
  -- on stderr says so, as scikit-learn warns).
  local crowded = ml.KMeans{n_clusters = 4, seed = 2, n_init = 3}:fit(x)
  check.equal(crowded.inertia, 0)
  check.truthy(crowded.cluster_centers:eq(crowded.cluster_centers):all(), 'no NaN center')
  -- Lua tables of rows are matrices too.
  local from_table = ml.KMeans(3, {seed = 2}):fit({{0, 0}, {0, 0}, {1, 1}, {1, 1}, {5, 5}, {5, 5}})
  check.truthy(from_table.labels:eq(model.labels):all(), 'a table of rows gives what the tensor gives')
  local one = ml.KMeans{n_clusters = 1}:fit(x)
  check_close(one.cluster_centers, {{2, 2}}, 1e-6, 'one cluster is the mean')
end)

check.test("the elbow gives scikit-learn's best inertia for each k", function()
  local inertias = ml.elbow(x_blobs, #blobs.elbow_ks, {n_init = 50, seed = 1})
  check.equal(#inertias, #blobs.elbow)
  for i, expected in ipairs(blobs.elbow) do check_relative(inertias[i], expected, 1e-6, 'k = ' .. blobs.elbow_ks[i]) end
  local picked = ml.elbow(x_blobs, {3, 1}, {seed = 1})
  check_relative(picked[1], blobs.elbow[3], 1e-6, 'ks in the order given: k = 3')
  check_relative(picked[2], blobs.elbow[1], 1e-6, 'ks in the order given: k = 1')
end)

local pca_cases = {
  {'three', {n_components = 3}},
  {'whitened', {n_components = 3, whiten = true}},
  {'all', {}},
  {'fraction', {n_components = 0.9}},
}

check.test("PCA gives scikit-learn's components, variances and projections", function()
  local x, new_rows = tensor(reference.pca.x), tensor(reference.pca.new_rows)
  for _, case in ipairs(pca_cases) do
    local name, options, expected = case[1], case[2], reference.pca[case[1]]
    local pca = ml.PCA(options)
    local z = pca:fit_transform(x)
    check.equal(pca.n_components, expected.n_components, name .. ' n_components')
    check_close(pca.components, expected.components, 1e-4, name .. ' components')
    check_close(pca.explained_variance_ratio, expected.explained_variance_ratio, 1e-4, name .. ' explained_variance_ratio')
    check_close(pca.mean, expected.mean, 1e-4, name .. ' mean')
    check_relative(pca.explained_variance, expected.explained_variance, 1e-5, name .. ' explained_variance')
    check_relative(pca.singular_values, expected.singular_values, 1e-5, name .. ' singular_values')
    check.near(pca.noise_variance, expected.noise_variance, 1e-5 * math.abs(expected.noise_variance), name .. ' noise_variance')
    check_close(z, expected.fit_transform, 1e-4, name .. ' fit_transform')
    check_close(pca:transform(new_rows), expected.transform_new, 1e-4, name .. ' transform')
    check_close(pca:inverse_transform(pca:transform(new_rows)), expected.inverse_transform_new, 1e-4, name .. ' inverse_transform')
  end
end)

check.test('PCA: whitened coordinates have unit variance; all components reconstruct the rows', function()
  local x = tensor(reference.pca.x)
  local z = ml.PCA{n_components = 3, whiten = true}:fit_transform(x)
  local variances = ((z * z):sum(1) / (x:size(1) - 1)):totable()
  check.same(variances, {1, 1, 1}, 1e-4, 'variance of whitened coordinates')
  local full = ml.PCA():fit(x)
  check_close(full:inverse_transform(full:transform(x)), reference.pca.x, 1e-4, 'reconstruction')
  check.truthy(tostring(full):find('5 components', 1, true), tostring(full))
end)

check.test("the classification report is scikit-learn's, to the character and in its numbers", function()
  for _, name in ipairs{'plain', 'named', 'strings', 'binary', 'unpredicted', 'untrue', 'subset'} do
    local case = reference.reports[name]
    local text, numbers = ml.classification_report(case.y_true, case.y_pred,
      {target_names = case.target_names, digits = case.digits, labels = case.labels})
    check.equal(text, case.text, name .. ' text')
    check.same(numbers, case.numbers, 1e-12, name .. ' numbers')
  end
  -- Tensors of labels give the same report as Lua lists.
  local plain = reference.reports.plain
  local text = ml.classification_report(tensor(plain.y_true, {dtype = 'int64'}), tensor(plain.y_pred))
  check.equal(text, plain.text, 'from tensors')
end)

check.test("ROC curves and their area are scikit-learn's", function()
  for _, name in ipairs{'ties', 'smooth', 'signs', 'pos_label'} do
    local case = reference.roc[name]
    local options = case.pos_label and {pos_label = case.pos_label} or nil
    local fpr, tpr, thresholds = ml.roc_curve(case.y_true, case.scores, options)
    check.same(fpr, case.fpr, 1e-12, name .. ' fpr')
    check.same(tpr, case.tpr, 1e-12, name .. ' tpr')
    check.equal(thresholds[1], math.huge, name .. ' first threshold')
    check.same(thresholds, case.thresholds, 1e-12, name .. ' thresholds')
    check.near(ml.roc_auc_score(case.y_true, case.scores, options), case.auc, 1e-12, name .. ' auc')
  end
  -- From tensors (float32 scores hold the fixture's float32 values exactly).
  local smooth = reference.roc.smooth
  local fpr = ml.roc_curve(tensor(smooth.y_true, {dtype = 'int64'}), tensor(smooth.scores))
  check.same(fpr, smooth.fpr, 1e-12, 'fpr from tensors')
  -- Every distinct score is a point when none is dropped, and the area stays the same.
  local ties = reference.roc.ties
  local distinct = {}
  for _, s in ipairs(ties.scores) do distinct[s] = true end
  local count = 0
  for _ in pairs(distinct) do count = count + 1 end
  local all_fpr, all_tpr = ml.roc_curve(ties.y_true, ties.scores, {drop_intermediate = false})
  check.equal(#all_fpr, count + 1, 'points without dropping')
  local area = 0
  for i = 2, #all_fpr do area = area + (all_fpr[i] - all_fpr[i - 1]) * (all_tpr[i] + all_tpr[i - 1]) / 2 end
  check.near(area, ties.auc, 1e-12, 'area of the full curve')
end)

check.test("the silhouette is scikit-learn's", function()
  local s = reference.silhouette
  check.near(ml.silhouette_score(x_blobs, blobs.labels), s.kmeans, 1e-6, 'k-means labels')
  check.near(ml.silhouette_score(x_blobs, s.random_labels), s.random, 1e-6, 'random labels')
  check.near(ml.silhouette_score(x_blobs, tensor(s.singleton_labels)), s.singleton, 1e-6, 'a cluster of one')
  local samples = ml.silhouette_samples(x_blobs, s.singleton_labels)
  check.equal(samples:size(1), 60)
  check.equal(samples[1], 0, 'a sample alone in its cluster')
end)

check.test("the adjusted Rand index is scikit-learn's", function()
  for i, case in ipairs(reference.ari) do
    check.near(ml.adjusted_rand_score(case.a, case.b), case.value, 1e-12, 'case ' .. i)
  end
  check.equal(ml.adjusted_rand_score({'a', 'a', 'b'}, tensor{7, 7, 3}), 1.0)
end)

check.test('wrong arguments are Lua errors naming the function and the argument, at the caller', function()
  local x = tensor{{1, 2}, {3, 4}, {5, 6}}
  local fitted = ml.KMeans{n_clusters = 2, seed = 1}:fit(x)
  local pca = ml.PCA(1):fit(x)
  local cases = {
    {function() ml.KMeans{n_clusters = 0} end, "ml.KMeans: option 'n_clusters' must be a whole number >= 1, got 0"},
    {function() ml.KMeans{clusters = 3} end, "ml.KMeans: unknown option 'clusters'"},
    {function() ml.KMeans{n_clusters = 2, seed = 1.5} end, "ml.KMeans: option 'seed' must be a whole number, got 1.5"},
    {function() ml.KMeans{n_clusters = 2, tol = -1} end, "ml.KMeans: option 'tol' must be a number >= 0, got -1"},
    {function() ml.KMeans(2):fit(tensor{1, 2, 3}) end,
     'ml.KMeans:fit: x must be a matrix with one sample per row (rank 2), got shape (3,)'},
    {function() ml.KMeans(4):fit(x) end, 'ml.KMeans:fit: x has 3 rows, fewer than n_clusters = 4'},
    {function() ml.KMeans(2):fit(tensor{{1, 0 / 0}, {1, 2}}) end, 'ml.KMeans:fit: x contains NaN or infinity'},
    {function() ml.KMeans(2):fit('data.csv') end, 'ml.KMeans:fit: x must be a matrix (an N×D tensor or a table of rows), got "data.csv"'},
    {function() ml.KMeans(2):fit({{1, 2}, {3}}) end,
     'ml.KMeans:fit: x must be a matrix (a tensor or a table of rows of numbers): element 2 has 1 elements where 2 were expected'},
    {function() ml.KMeans(2):predict(x) end, 'ml.KMeans:predict: the model is not fitted yet; call model:fit(x) first'},
    {function() fitted:predict(tensor{{1, 2, 3}}) end, 'ml.KMeans:predict: x has 3 features per row, but the model was fitted on 2'},
    {function() fitted.fit(x) end, 'ml.KMeans:fit: call it with a colon, model:fit(...)'},
    {function() ml.elbow(x, 'all') end, 'ml.elbow: ks must be a list of cluster counts or a number n (for 1..n), got "all"'},
    {function() ml.elbow(x, {1, 5}) end, 'ml.elbow: ks[2] = 5 is more than the 3 rows of x'},
    {function() ml.PCA{n_components = 3}:fit(x) end,
     'ml.PCA:fit: n_components = 3 is more than min(rows, columns) = 2 for x of shape (3, 2)'},
    {function() ml.PCA{n_components = -1} end, "ml.PCA: option 'n_components' must be a whole number >= 1, got -1"},
    {function() ml.PCA{whiten = 'yes'} end, "ml.PCA: option 'whiten' must be true or false, got \"yes\""},
    {function() ml.PCA():fit(tensor{{1, 2}}) end, 'ml.PCA:fit: x needs at least 2 rows, got shape (1, 2)'},
    {function() pca:transform(tensor{{1, 2, 3}}) end, 'ml.PCA:transform: x has 3 columns, expected 2'},
    {function() pca:inverse_transform(x) end, 'ml.PCA:inverse_transform: z has 2 columns, expected 1 (one per component)'},
    {function() ml.PCA():transform(x) end, 'ml.PCA:transform: the model is not fitted yet'},
    {function() ml.classification_report({1, 2}, {1}) end,
     'ml.classification_report: y_true and y_pred must have the same length, got 2 and 1'},
    {function() ml.classification_report({1, 2}, {1, 2}, {target_names = {'a'}}) end,
     "ml.classification_report: option 'target_names' must be a list of 2 names, one per label (1, 2), got 1 names"},
    {function() ml.classification_report({1, 2}, {'a', 'b'}) end, 'ml.classification_report: the labels mix numbers and strings'},
    {function() ml.classification_report({1, 2}, {1, 2}, {digits = -1}) end,
     "ml.classification_report: option 'digits' must be a whole number >= 0, got -1"},
    {function() ml.classification_report({1, true}, {1, 2}) end, 'ml.classification_report: y_true[2] must be a number or a string, got true'},
    {function() ml.roc_curve({0, 1, 2}, {0.1, 0.2, 0.3}) end,
     'ml.roc_curve: y_true must hold two classes (a binary problem), got 3: 0, 1, 2'},
    {function() ml.roc_curve({1, 2}, {0.1, 0.2}) end,
     'ml.roc_curve: y_true has the labels {1, 2}; say which is the positive class with {pos_label = ...}'},
    {function() ml.roc_curve({'no', 'yes'}, {0.1, 0.2}, {pos_label = 'Yes'}) end,
     "ml.roc_curve: option 'pos_label' is \"Yes\", which is not a label of y_true (no, yes)"},
    {function() ml.roc_curve({0, 1}, {0.1, 0 / 0}) end, 'ml.roc_curve: scores[2] must be a finite number'},
    {function() ml.roc_curve({0, 1}, {0.1, 0.2, 0.3}) end, 'ml.roc_curve: y_true and scores must have the same length, got 2 and 3'},
    {function() ml.roc_auc_score({1, 1}, {0.1, 0.2}) end,
     'ml.roc_auc_score: y_true holds only positive samples; the area under the ROC curve needs both classes'},
    {function() ml.silhouette_score(x, {1, 1, 1}) end,
     'ml.silhouette_samples: the labels form 1 clusters; the silhouette needs from 2 to 2'},
    {function() ml.silhouette_score(x, {1, 2}) end,
     'ml.silhouette_samples: labels must have one label per row of x: x has 3 rows, labels has 2'},
    {function() ml.adjusted_rand_score({1, 2}, {1}) end,
     'ml.adjusted_rand_score: labels_a and labels_b must have the same length, got 2 and 1'},
    {function() ml.adjusted_rand_score({}, {}) end, 'ml.adjusted_rand_score: labels_a is empty'},
  }
  for _, case in ipairs(cases) do
    local message = check.raises(case[1], case[2])
    -- error(message, 2): the position is the line of the call in this file.
    check.truthy(message:find('test_ml.lua:%d+: ml%.'), 'at the caller\'s line: ' .. message)
  end
  local where = line() + 1
  local message = check.raises(function() ml.KMeans{n_clusters = 'three'} end, "got \"three\"")
  check.truthy(message:find('test_ml.lua:' .. where .. ':', 1, true), message)
end)

check.done()
