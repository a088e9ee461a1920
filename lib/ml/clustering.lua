-- Scores of a clustering as scikit-learn defines them: the silhouette (how much nearer each sample
-- is to its own cluster than to the next one) and the adjusted Rand index (agreement of two
-- partitions, corrected for chance).
local tensor = require 'tensor'
local arguments = require 'ml.arguments'

local public, fail = arguments.public, arguments.fail

-- Cluster numbers 1..K for a list of labels (in the sorted order of the labels), and K.
local function cluster_numbers(where, labels)
  local classes = arguments.sorted_unique(where, labels)
  local number_of = {}
  for i, class in ipairs(classes) do number_of[class] = i end
  local numbers = {}
  for i, label in ipairs(labels) do numbers[i] = number_of[label] end
  return numbers, #classes
end

-- Rows at a time for the distance blocks: a block of distances to all samples stays near 16 MB.
local function block_rows(samples)
  return math.max(1, math.min(samples, 4 * 1024 * 1024 // samples))
end

-- For the rows first..last of x: the mean distance to the other members of their own cluster (a)
-- and the least mean distance to the members of another cluster (b).
local function own_and_nearest(data, first, last)
  local rows = last - first + 1
  local block = data.x:narrow(1, first, rows)
  local squared = (data.norms:narrow(1, first, rows) + data.norms:t() - block:matmul(data.x:t()) * 2):clamp(0)
  local sums = squared:sqrt():matmul(data.membership)                 -- rows×K: distance to each cluster
  local own = data.membership:narrow(1, first, rows)                 -- rows×K one-hot
  -- A sample's distance to itself should be 0; what rounding left there comes off its own sum.
  local diagonal = tensor.arange(first, last + 1):reshape{-1, 1}
  local self_distance = squared:gather(2, diagonal):sqrt()
  local own_sum = (sums * own):sum(2, true) - self_distance
  local own_count = (data.counts * own):sum(2, true)
  local a = own_sum / (own_count - 1):clamp(1)
  local b = (sums / data.counts):masked_fill(own:gt(0), math.huge):min(2)
  return a:reshape{-1}, b, own_count:reshape{-1}
end

--- The silhouette of each sample (a tensor of N values in [-1, 1]): (b − a) / max(a, b), with a its
--- mean distance to its own cluster and b to the nearest other; 0 for a sample alone in its cluster.
local function silhouette_samples(x, labels)
  local where = 'ml.silhouette_samples'
  x = arguments.matrix(where, 'x', x)
  labels = arguments.labels(where, 'labels', labels)
  if #labels ~= x:size(1) then
    fail('%s: labels must have one label per row of x: x has %d rows, labels has %d', where, x:size(1), #labels)
  end
  local numbers, clusters = cluster_numbers(where, labels)
  if clusters < 2 or clusters > #labels - 1 then
    fail('%s: the labels form %d clusters; the silhouette needs from 2 to %d (the number of samples − 1)', where, clusters, #labels - 1)
  end
  -- Centred rows lose less to rounding in |x|² − 2x·y + |y|².
  local centred = x - x:mean(1, true)
  local membership = tensor.one_hot(tensor(numbers, {dtype = 'int64'}) - 1, clusters):float()
  local data = {
    x = centred,
    norms = (centred * centred):sum(2, true),
    membership = membership,
    counts = membership:sum(1, true),
  }
  local values = {}
  local step = block_rows(#labels)
  for first = 1, #labels, step do
    local last = math.min(first + step - 1, #labels)
    local a, b, own_count = own_and_nearest(data, first, last)
    local s = (b - a) / a:maximum(b)
    -- Alone in its cluster, or 0/0 when all distances are 0: the silhouette is 0 by definition.
    s = s:masked_fill(own_count:le(1):logical_or(s:ne(s)), 0)
    values[#values + 1] = s
  end
  return tensor.cat(values)
end

--- The mean silhouette of all samples: near 1 for tight, well-separated clusters, near 0 for
--- overlapping ones, negative when samples sit nearer another cluster than their own.
local function silhouette_score(x, labels)
  return silhouette_samples(x, labels):mean():item()
end

-- n·(n − 1)/2: the pairs among n things.
local function pairs_of(n)
  return n * (n - 1) / 2
end

--- The adjusted Rand index of two labellings of the same samples: 1 for the same partition (whatever
--- the label values), about 0 for random ones, negative for less agreement than chance.
local function adjusted_rand_score(labels_a, labels_b)
  local where = 'ml.adjusted_rand_score'
  labels_a = arguments.labels(where, 'labels_a', labels_a)
  labels_b = arguments.labels(where, 'labels_b', labels_b)
  arguments.same_length(where, 'labels_a', labels_a, 'labels_b', labels_b)
  local a, b = cluster_numbers(where, labels_a), cluster_numbers(where, labels_b)
  -- Pairs of samples together in both partitions, in a only, in b only, and in neither.
  local joint, in_a, in_b = {}, {}, {}
  for i = 1, #a do
    local key = a[i] .. ',' .. b[i]
    joint[key] = (joint[key] or 0) + 1
    in_a[a[i]] = (in_a[a[i]] or 0) + 1
    in_b[b[i]] = (in_b[b[i]] or 0) + 1
  end
  local together_both, together_a, together_b = 0, 0, 0
  for _, n in pairs(joint) do together_both = together_both + pairs_of(n) end
  for _, n in pairs(in_a) do together_a = together_a + pairs_of(n) end
  for _, n in pairs(in_b) do together_b = together_b + pairs_of(n) end
  local only_a, only_b = together_a - together_both, together_b - together_both
  local neither = pairs_of(#a) - together_both - only_a - only_b
  -- The same partition, including the degenerate ones (one cluster, or every sample alone).
  if only_a == 0 and only_b == 0 then return 1.0 end
  return 2 * (together_both * neither - only_a * only_b) /
         ((together_both + only_a) * (only_a + neither) + (together_both + only_b) * (only_b + neither))
end

return {
  silhouette_samples = public(silhouette_samples),
  silhouette_score = public(silhouette_score),
  adjusted_rand_score = public(adjusted_rand_score),
}
