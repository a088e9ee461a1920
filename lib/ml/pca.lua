-- ml.PCA: principal component analysis of the rows of a matrix, as scikit-learn's PCA computes it
-- (centre the rows, singular value decomposition, signs fixed so that the largest entry of each
-- component is positive), so that components and projections match its numbers.
--
--   local pca = ml.PCA{n_components = 2}:fit(x)    -- x: N×D
--   pca.components (2×D), pca.explained_variance_ratio, pca:transform(x), pca:inverse_transform(z)
local tensor = require 'tensor'
local arguments = require 'ml.arguments'

local public, fail = arguments.public, arguments.fail

local PCA = {}
PCA.__index = PCA
PCA.__name = 'PCA'

-- n_components may be nil (all), a whole number, or a fraction in (0, 1) of the variance to keep.
local function check_n_components(where, value)
  if value == nil then return nil end
  if type(value) == 'number' and value > 0 and value < 1 then return value end
  return arguments.count(where, "option 'n_components'", value, 1)
end

local function new_pca(first, second)
  local where = 'ml.PCA'
  local options = first
  if type(first) == 'number' then
    options = arguments.options(where, second, {'whiten'})
    options = {n_components = first, whiten = options.whiten}
  else
    options = arguments.options(where, first, {'n_components', 'whiten'})
  end
  return setmetatable({options = {
    n_components = check_n_components(where, options.n_components),
    whiten = arguments.boolean(where, "option 'whiten'", options.whiten, false),
  }}, PCA)
end

-- Flips the sign of each row of vt (and the matching column of u) so that the entry of largest
-- magnitude in the row is positive: the SVD fixes the components only up to sign.
local function flip_signs(u, vt)
  local largest = vt:abs():argmax(2):unsqueeze(2)
  local signs = tensor.where(vt:gather(2, largest):lt(0), -1, 1)    -- r×1
  return u * signs:t(), vt * signs
end

-- How many components keep more than `fraction` of the variance (the first whose cumulative ratio
-- exceeds it), as scikit-learn chooses them for a fractional n_components.
local function components_for_fraction(ratios, fraction)
  local cumulative = 0
  for k, ratio in ipairs(ratios) do
    cumulative = cumulative + ratio
    if cumulative > fraction then return k end
  end
  return #ratios
end

local function check_self(self, method)
  if getmetatable(self) ~= PCA then
    fail('ml.PCA:%s: call it with a colon, pca:%s(...), got %s as the model', method, method, arguments.describe(self))
  end
end

local function check_fitted(self, method)
  if not self.components then fail('ml.PCA:%s: the model is not fitted yet; call pca:fit(x) first', method) end
end

-- Fails unless the argument `name` (`x`) has `columns` columns.
local function check_columns(method, name, x, columns, what)
  if x:size(2) ~= columns then fail('ml.PCA:%s: %s has %d columns, expected %d (%s)', method, name, x:size(2), columns, what) end
end

--- Finds the principal components of the rows of x (N×D, N >= 2). Sets .components (k×D),
--- .explained_variance, .explained_variance_ratio, .singular_values (k each), .mean (D),
--- .n_components and .noise_variance; returns the model.
local function fit(self, x)
  check_self(self, 'fit')
  x = arguments.matrix('ml.PCA:fit', 'x', x, 2)
  local rows, columns = x:size(1), x:size(2)
  local rank = math.min(rows, columns)
  local mean = x:mean(1, true)
  local u, singular, vt = (x - mean):svd()
  u, vt = flip_signs(u, vt)
  local variance = singular * singular / (rows - 1)
  local ratios = variance / variance:sum()
  local k = self.options.n_components or rank
  if k < 1 then
    k = components_for_fraction(ratios:totable(), k)
  elseif k > rank then
    fail('ml.PCA:fit: n_components = %d is more than min(rows, columns) = %d for x of shape %s', k, rank, arguments.shape(x))
  end
  self.n_components = k
  self.mean = mean:reshape{-1}
  self.components = vt:narrow(1, 1, k):contiguous()
  self.explained_variance = variance:narrow(1, 1, k):contiguous()
  self.explained_variance_ratio = ratios:narrow(1, 1, k):contiguous()
  self.singular_values = singular:narrow(1, 1, k):contiguous()
  -- The variance left to the discarded directions, per direction (0 when all are kept).
  self.noise_variance = k < rank and variance:narrow(1, k + 1, rank - k):mean():item() or 0
  return self
end

--- The coordinates of the rows of x on the components (N×k); whitened, each has unit variance.
local function transform(self, x)
  check_self(self, 'transform')
  check_fitted(self, 'transform')
  x = arguments.matrix('ml.PCA:transform', 'x', x)
  check_columns('transform', 'x', x, self.mean:size(1), 'the features it was fitted on')
  local z = (x - self.mean):matmul(self.components:t())
  if self.options.whiten then z = z / self.explained_variance:sqrt() end
  return z
end

--- Rows back in the original space (N×D) from their coordinates z (N×k).
local function inverse_transform(self, z)
  check_self(self, 'inverse_transform')
  check_fitted(self, 'inverse_transform')
  z = arguments.matrix('ml.PCA:inverse_transform', 'z', z)
  check_columns('inverse_transform', 'z', z, self.n_components, 'one per component')
  if self.options.whiten then z = z * self.explained_variance:sqrt() end
  return z:matmul(self.components) + self.mean
end

--- Fits on x and returns its coordinates on the components.
local function fit_transform(self, x)
  check_self(self, 'fit_transform')
  return transform(fit(self, x), x)
end

function PCA:__tostring()
  local o = self.options
  local text = string.format('PCA(n_components=%s, whiten=%s)', tostring(o.n_components or 'all'), tostring(o.whiten))
  if self.components then
    local kept = self.explained_variance_ratio:sum():item()
    text = text .. string.format(' fitted: %d components keep %.4g of the variance', self.n_components, kept)
  end
  return text
end

PCA.fit, PCA.transform, PCA.inverse_transform, PCA.fit_transform =
  public(fit), public(transform), public(inverse_transform), public(fit_transform)

return {PCA = public(new_pca)}
