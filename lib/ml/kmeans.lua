-- ml.KMeans and ml.elbow: k-means clustering as scikit-learn's KMeans does it (greedy k-means++
-- seeding, Lloyd iterations, several restarts keeping the lowest inertia), on float32 tensors.
--
--   local km = ml.KMeans{n_clusters = 3, seed = 1}:fit(x)    -- x: N×D
--   km.labels, km.cluster_centers, km.inertia, km.n_iter
--   km:predict(x2), km:transform(x2), ml.elbow(x, {1, 2, 3, 4, 5}, {seed = 1})
local tensor = require 'tensor'
local arguments = require 'ml.arguments'
local random = require 'ml.random'

local public, fail = arguments.public, arguments.fail

local KMeans = {}
KMeans.__index = KMeans
KMeans.__name = 'KMeans'

-- The data of one fit: the rows centred on their mean (distances lose less to float32 rounding
-- near the origin) and their squared norms, computed once for all restarts.
local function prepare(x)
  local mean = x:mean(1, true)
  local centred = x - mean
  return {x = centred, norms = (centred * centred):sum(2, true), mean = mean, n = x:size(1)}
end

-- Squared Euclidean distances N×K from the prepared rows to `centers` (K×D), as |x|² − 2x·c + |c|².
local function squared_distances(data, centers)
  local center_norms = (centers * centers):sum(2, true):t()
  return (data.norms + center_norms - data.x:matmul(centers:t()) * 2):clamp(0)
end

-- The nearest center of each row (1-based int64 positions) and the squared distance to it.
local function nearest(data, centers)
  local distances, labels = squared_distances(data, centers):min(2)
  return labels, distances
end

-- The position i for which cumulative[i-1] <= target < cumulative[i] (binary search).
local function search(cumulative, target)
  local low, high = 1, #cumulative
  while low < high do
    local middle = (low + high) // 2
    if cumulative[middle] <= target then low = middle + 1 else high = middle end
  end
  return low
end

-- `count` rows drawn with probability proportional to `weights` (a Lua list); uniformly when the
-- weights are all zero (fewer distinct rows than clusters).
local function draw_rows(weights, count, rng)
  local cumulative, total = {}, 0
  for i, w in ipairs(weights) do
    total = total + w
    cumulative[i] = total
  end
  local rows = {}
  for t = 1, count do
    rows[t] = total > 0 and search(cumulative, rng:uniform() * total) or rng:integer(#weights)
  end
  return rows
end

-- Greedy k-means++ (Arthur and Vassilvitskii, 2007): the first center a random row; each next one
-- the best, by the inertia it leaves, of 2 + ⌊ln k⌋ rows drawn in proportion to the squared
-- distance to the nearest center chosen so far.
local function kmeans_plus_plus(data, k, rng)
  local trials = 2 + math.floor(math.log(k))
  local chosen = {rng:integer(data.n)}
  local closest = squared_distances(data, data.x:index_select(1, tensor(chosen, {dtype = 'int64'}))):reshape{-1}
  for _ = 2, k do
    local candidates = draw_rows(closest:totable(), trials, rng)
    local candidate_distances = squared_distances(data, data.x:index_select(1, tensor(candidates, {dtype = 'int64'})))
    local left = closest:unsqueeze(2):minimum(candidate_distances)     -- N×trials
    local _, best = left:sum(1):min(1)
    best = best:item()
    chosen[#chosen + 1] = candidates[best]
    closest = left:select(2, best)
  end
  return data.x:index_select(1, tensor(chosen, {dtype = 'int64'}))
end

-- Moves each empty cluster's center onto one of the rows farthest from their own centers, taking that
-- row out of its old cluster's sum, as scikit-learn does. `counts` is a Lua list, updated here.
local function relocate_empty(data, labels, distances, sums, counts)
  local empty = {}
  for cluster, count in ipairs(counts) do
    if count == 0 then empty[#empty + 1] = cluster end
  end
  if #empty == 0 then return end
  -- Spare rows, since a row alone in its cluster is passed over: moving it would empty that cluster.
  local _, far = distances:topk(math.min(data.n, #empty + #counts))
  local far_rows, old_clusters = far:totable(), labels:totable()
  local next_far = 1
  for _, cluster in ipairs(empty) do
    while far_rows[next_far] and counts[old_clusters[far_rows[next_far]]] <= 1 do next_far = next_far + 1 end
    local row = far_rows[next_far]
    if not row then return end
    next_far = next_far + 1
    local old, point = old_clusters[row], data.x[row]
    sums[old]:sub_(point)
    counts[old] = counts[old] - 1
    sums[cluster]:copy_(point)
    counts[cluster] = 1
  end
end

-- The mean of each cluster's rows (K×D), empty clusters relocated first; a cluster still empty
-- (fewer distinct rows than clusters) gets the mean of all rows rather than 0/0.
local function cluster_means(data, labels, distances, k)
  local sums = tensor.zeros(k, data.x:size(2)):index_add(1, labels, data.x)
  local counts = tensor.zeros(k):index_add(1, labels, tensor.ones(data.n)):totable()
  relocate_empty(data, labels, distances, sums, counts)
  return sums / tensor(counts):clamp(1):unsqueeze(2)
end

-- Sum of squared distances of the rows to their centers, from the differences themselves (exact
-- to float32 rounding, unlike the |x|² − 2x·c + |c|² form used to find the nearest center).
local function inertia_of(data, centers, labels)
  local differences = data.x - centers:index_select(1, labels)
  return (differences * differences):sum():item()
end

-- Lloyd's iterations from `centers` until the labels stop changing, the centers move less than
-- `tolerance` (sum of squared moves) or `max_iter` iterations have run.
local function lloyd(data, centers, max_iter, tolerance)
  local k = centers:size(1)
  local labels, previous, converged, iterations
  for iteration = 1, max_iter do
    iterations = iteration
    local distances
    labels, distances = nearest(data, centers)
    local moved = cluster_means(data, labels, distances, k)
    local shift = ((moved - centers) * (moved - centers)):sum():item()
    centers = moved
    if previous and labels:eq(previous):all() then
      converged = true
      break
    end
    if shift <= tolerance then break end
    previous = labels
  end
  -- The centers moved after the last assignment: label the rows by the final centers.
  if not converged then labels = nearest(data, centers) end
  return {centers = centers, labels = labels, inertia = inertia_of(data, centers, labels), n_iter = iterations}
end

-- The tolerance on center moves, relative to the data's spread as scikit-learn takes it: `tol` times
-- the mean of the features' variances.
local function scaled_tolerance(data, tol)
  if tol == 0 then return 0 end
  return (data.x * data.x):mean(1):mean():item() * tol
end

-- Duplicate rows can leave fewer distinct clusters than asked for; say so, as scikit-learn does.
local function warn_if_fewer_clusters(labels, k, n)
  local found = tensor.zeros(k):index_add(1, labels, tensor.ones(n)):gt(0):sum():item()
  if found < k then
    io.stderr:write(string.format('ml.KMeans:fit: warning: %d distinct clusters found, fewer than n_clusters = %d ' ..
                                  '(duplicate rows in x?)\n', found, k))
  end
end

-- The checked options of a KMeans; `n_clusters` may also come first: KMeans(3, {...}).
local function kmeans_options(where, first, second)
  local options = first
  if type(first) == 'number' then
    options = arguments.options(where, second, {'n_init', 'max_iter', 'tol', 'seed'})
    options = {n_clusters = first, n_init = options.n_init, max_iter = options.max_iter, tol = options.tol, seed = options.seed}
  else
    options = arguments.options(where, first, {'n_clusters', 'n_init', 'max_iter', 'tol', 'seed'})
  end
  return {
    n_clusters = arguments.count(where, "option 'n_clusters'", options.n_clusters, 1, 8),
    n_init = arguments.count(where, "option 'n_init'", options.n_init, 1, 10),
    max_iter = arguments.count(where, "option 'max_iter'", options.max_iter, 1, 300),
    tol = arguments.nonnegative(where, "option 'tol'", options.tol, 1e-4),
    seed = arguments.integer(where, "option 'seed'", options.seed),
  }
end

local function new_kmeans(first, second)
  return setmetatable({options = kmeans_options('ml.KMeans', first, second)}, KMeans)
end

-- Fails unless `self` is a KMeans (a method called with '.' instead of ':').
local function check_self(self, method)
  if getmetatable(self) ~= KMeans then
    fail('ml.KMeans:%s: call it with a colon, model:%s(...), got %s as the model', method, method, arguments.describe(self))
  end
end

-- Fails unless the model has been fitted and `x` has as many features as the data it was fitted on.
local function check_fitted(self, method, x)
  if not self.cluster_centers then fail('ml.KMeans:%s: the model is not fitted yet; call model:fit(x) first', method) end
  if x:size(2) ~= self.cluster_centers:size(2) then
    fail('ml.KMeans:%s: x has %d features per row, but the model was fitted on %d', method, x:size(2), self.cluster_centers:size(2))
  end
end

--- Clusters the rows of x (N×D): n_init runs from k-means++ seeds, keeping the one of lowest inertia.
--- Sets .labels (1-based int64), .cluster_centers (K×D), .inertia, .n_iter; returns the model.
local function fit(self, x)
  check_self(self, 'fit')
  local options = self.options
  x = arguments.matrix('ml.KMeans:fit', 'x', x)
  if x:size(1) < options.n_clusters then
    fail('ml.KMeans:fit: x has %d rows, fewer than n_clusters = %d', x:size(1), options.n_clusters)
  end
  local data = prepare(x)
  local tolerance = scaled_tolerance(data, options.tol)
  local rng = random.new(options.seed)
  local best
  for _ = 1, options.n_init do
    local run = lloyd(data, kmeans_plus_plus(data, options.n_clusters, rng), options.max_iter, tolerance)
    if not best or run.inertia < best.inertia then best = run end
  end
  warn_if_fewer_clusters(best.labels, options.n_clusters, data.n)
  self.cluster_centers = best.centers + data.mean
  self.labels, self.inertia, self.n_iter = best.labels, best.inertia, best.n_iter
  return self
end

--- The nearest fitted center of each row of x, as 1-based int64 labels.
local function predict(self, x)
  check_self(self, 'predict')
  x = arguments.matrix('ml.KMeans:predict', 'x', x)
  check_fitted(self, 'predict', x)
  local labels = nearest(prepare(x), self.cluster_centers - x:mean(1, true))
  return labels
end

--- Fits on x and returns the labels of its rows.
local function fit_predict(self, x)
  check_self(self, 'fit_predict')
  return fit(self, x).labels
end

--- The Euclidean distance of each row of x to each fitted center (N×K).
local function transform(self, x)
  check_self(self, 'transform')
  x = arguments.matrix('ml.KMeans:transform', 'x', x)
  check_fitted(self, 'transform', x)
  return squared_distances(prepare(x), self.cluster_centers - x:mean(1, true)):sqrt()
end

--- Fits on x and returns the distances of its rows to the centers.
local function fit_transform(self, x)
  check_self(self, 'fit_transform')
  return transform(fit(self, x), x)
end

function KMeans:__tostring()
  local o = self.options
  local text = string.format('KMeans(n_clusters=%d, n_init=%d, max_iter=%d, tol=%g%s)', o.n_clusters, o.n_init,
                             o.max_iter, o.tol, o.seed and ', seed=' .. o.seed or '')
  if self.inertia then text = text .. string.format(' fitted: inertia %.6g after %d iterations', self.inertia, self.n_iter) end
  return text
end

KMeans.fit, KMeans.predict, KMeans.fit_predict = public(fit), public(predict), public(fit_predict)
KMeans.transform, KMeans.fit_transform = public(transform), public(fit_transform)

--- The inertia of the best k-means clustering of x for each k of `ks` (a list, or n for 1..n), in
--- the order of ks; `options` are KMeans' (n_init, max_iter, tol, seed).
local function elbow(x, ks, options)
  x = arguments.matrix('ml.elbow', 'x', x)
  if type(ks) == 'number' then
    local n = arguments.count('ml.elbow', 'ks', ks, 1)
    ks = {}
    for k = 1, n do ks[k] = k end
  elseif type(ks) ~= 'table' or tensor.is_tensor(ks) or #ks == 0 then
    fail('ml.elbow: ks must be a list of cluster counts or a number n (for 1..n), got %s', arguments.describe(ks))
  end
  options = arguments.options('ml.elbow', options, {'n_init', 'max_iter', 'tol', 'seed'})
  local inertias = {}
  for i, k in ipairs(ks) do
    k = arguments.count('ml.elbow', 'ks[' .. i .. ']', k, 1)
    if k > x:size(1) then fail('ml.elbow: ks[%d] = %d is more than the %d rows of x', i, k, x:size(1)) end
    inertias[i] = fit(new_kmeans(k, options), x).inertia
  end
  return inertias
end

return {KMeans = public(new_kmeans), elbow = public(elbow)}
