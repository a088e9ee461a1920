-- tuner.objective: the metric a search ranks trials by, and whether lower or higher is better.
-- The direction is inferred from the name as Keras Tuner infers it: 'val_' and 'weighted_' are
-- dropped, then losses and error metrics are minimized and accuracies, precision, recall and AUC
-- maximized; other names need the direction given (tuner.Objective('kl', 'min')).
local objective = {}

local maximized = {
  acc = true, accuracy = true, binary_accuracy = true, categorical_accuracy = true, sparse_categorical_accuracy = true,
  top_k_categorical_accuracy = true, sparse_top_k_categorical_accuracy = true, precision = true, recall = true,
  auc = true, true_positives = true, true_negatives = true,
  -- Keras Tuner answers 'min' for R², taking any Keras metric it does not list for one to minimize;
  -- a higher R² is the better fit, so it is maximized here.
  r2 = true, r2_score = true,
}

local minimized = {
  loss = true, crossentropy = true, ce = true, mae = true, mse = true, mape = true, msle = true, rmse = true,
  mean_absolute_error = true, mean_squared_error = true, mean_absolute_percentage_error = true,
  mean_squared_logarithmic_error = true, root_mean_squared_error = true, categorical_crossentropy = true,
  binary_crossentropy = true, sparse_categorical_crossentropy = true, kl_divergence = true, kld = true,
  huber = true, log_cosh = true, logcosh = true, hinge = true, squared_hinge = true, categorical_hinge = true,
  poisson = true, false_positives = true, false_negatives = true, cosine_similarity = true,
}

--- 'min', 'max', or nil when the name says nothing.
function objective.infer_direction(name)
  local base = name:gsub('^val_', ''):gsub('^weighted_', '')
  if maximized[base] then return 'max' end
  if minimized[base] then return 'min' end
  return nil
end

--- {name =, direction =} from a metric name or a table given as `objective`.
function objective.new(name, direction)
  if type(name) == 'table' then name, direction = name.name, name.direction end
  if type(name) ~= 'string' or name == '' then error('objective: expected a metric name such as "val_accuracy"', 3) end
  if direction == nil then
    direction = objective.infer_direction(name)
    if not direction then
      error(string.format("objective: cannot tell whether '%s' should be low or high; give the direction: " ..
        "tuner.Objective('%s', 'min') or tuner.Objective('%s', 'max')", name, name, name), 3)
    end
  elseif direction ~= 'min' and direction ~= 'max' then
    error(string.format("objective: the direction must be 'min' or 'max', got %s", tostring(direction)), 3)
  end
  return {name = name, direction = direction}
end

--- True when score `a` is better than `b` (nil: no score yet).
function objective.better(direction, a, b)
  if b == nil then return true end
  if direction == 'max' then return a > b end
  return a < b
end

return objective
