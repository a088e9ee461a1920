-- ml: classic machine-learning tools on top of tensors, with scikit-learn's names, defaults and
-- numbers (checked against it in Tests/lua/test_ml.lua), and Lua's conventions: 1-based cluster
-- labels, option tables, methods called with ':'.
--
--   local ml = require 'ml'
--   local km = ml.KMeans{n_clusters = 3, seed = 1}:fit(x)        -- km.labels, km.inertia
--   local inertias = ml.elbow(x, 10, {seed = 1})                  -- k = 1..10
--   local z = ml.PCA{n_components = 2}:fit_transform(x)
--   local text, numbers = ml.classification_report(y_true, y_pred, {target_names = names})
--   local fpr, tpr, thresholds = ml.roc_curve(y_true, scores)
--   ml.roc_auc_score(y_true, scores), ml.silhouette_score(x, km.labels), ml.adjusted_rand_score(a, b)
local ml = {}

local function export(module)
  for name, value in pairs(module) do ml[name] = value end
end

export(require 'ml.kmeans')          -- KMeans, elbow
export(require 'ml.pca')             -- PCA
export(require 'ml.classification')  -- classification_report, roc_curve, roc_auc_score
export(require 'ml.clustering')      -- silhouette_score, silhouette_samples, adjusted_rand_score

return ml
