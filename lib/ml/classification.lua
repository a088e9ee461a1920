-- Classification scores as scikit-learn defines them: the classification report (its text, to the
-- character, and its numbers), the ROC curve of a binary classifier's scores and the area under it.
-- Labels may be numbers or strings, in tensors or Lua lists; scores are numbers.
-- The confusion matrix is nn.metrics.confusion_matrix (and plot.confusion_matrix draws it).
local arguments = require 'ml.arguments'

local public, fail = arguments.public, arguments.fail

-- numerator / denominator, or `otherwise` when the denominator is 0 (an ill-defined score).
local function ratio(numerator, denominator, otherwise)
  if denominator == 0 then return otherwise end
  return numerator / denominator
end

-- Per label: true positives, predictions of it and true occurrences of it (its support).
local function count_outcomes(y_true, y_pred)
  local hits, predicted, support = {}, {}, {}
  for i, truth in ipairs(y_true) do
    local guess = y_pred[i]
    predicted[guess] = (predicted[guess] or 0) + 1
    support[truth] = (support[truth] or 0) + 1
    if guess == truth then hits[truth] = (hits[truth] or 0) + 1 end
  end
  return hits, predicted, support
end

-- Precision, recall, F1 and support of one label from its counts.
local function label_scores(hits, predicted, support, zero_division)
  return {
    precision = ratio(hits, predicted, zero_division),
    recall = ratio(hits, support, zero_division),
    ['f1-score'] = ratio(2 * hits, predicted + support, zero_division),
    support = support,
  }
end

local SCORE_NAMES = {'precision', 'recall', 'f1-score'}

-- The unweighted (weights nil) or weighted mean of each score over the rows.
local function average(rows, weights, zero_division)
  local result, total_support = {}, 0
  for _, row in ipairs(rows) do total_support = total_support + row.support end
  for _, score in ipairs(SCORE_NAMES) do
    local sum, weight_sum = 0, 0
    for i, row in ipairs(rows) do
      local weight = weights and weights[i] or 1
      sum, weight_sum = sum + row[score] * weight, weight_sum + weight
    end
    result[score] = ratio(sum, weight_sum, zero_division)
  end
  result.support = total_support
  return result
end

-- The name of a label in the report: numbers as Lua writes integers and other numbers.
local function label_name(label)
  return type(label) == 'number' and tostring(math.tointeger(label) or label) or label
end

-- The names of a list of labels.
local function label_names(labels)
  local names = {}
  for i, label in ipairs(labels) do names[i] = label_name(label) end
  return names
end

-- The report's options, checked: digits, target_names (one per label), labels and zero_division.
local function report_options(options, default_labels)
  local where = 'ml.classification_report'
  options = arguments.options(where, options, {'target_names', 'digits', 'labels', 'zero_division'})
  local digits = arguments.count(where, "option 'digits'", options.digits, 0, 2)
  if digits > 99 then fail("%s: option 'digits' must be at most 99, got %d", where, digits) end
  local zero_division = options.zero_division or 0
  if zero_division ~= 0 and zero_division ~= 1 then
    fail("%s: option 'zero_division' must be 0 or 1 (the score given when it is 0/0), got %s", where,
         arguments.describe(zero_division))
  end
  local labels = options.labels and arguments.labels(where, "option 'labels'", options.labels) or default_labels
  local names = {}
  if options.target_names ~= nil then
    if type(options.target_names) ~= 'table' or #options.target_names ~= #labels then
      fail("%s: option 'target_names' must be a list of %d names, one per label (%s), got %s", where, #labels,
           table.concat(label_names(labels), ', '),
           type(options.target_names) == 'table' and #options.target_names .. ' names' or arguments.describe(options.target_names))
    end
    for i, name in ipairs(options.target_names) do names[i] = tostring(name) end
  else
    names = label_names(labels)
  end
  return {digits = digits, zero_division = zero_division, labels = labels, names = names, labels_given = options.labels ~= nil}
end

-- `text` right-aligned in `width` characters (counted as UTF-8 characters, as Python counts them).
local function pad(text, width)
  local length = utf8.len(text) or #text
  return string.rep(' ', width - length) .. text
end

-- The report's text in scikit-learn's layout: a header, one line per label, then the averages.
local function report_text(rows, names, averages, digits)
  local width = #'weighted avg'
  for _, name in ipairs(names) do width = math.max(width, utf8.len(name) or #name) end
  width = math.max(width, digits)
  local function number(value) return ' ' .. pad(string.format('%.' .. digits .. 'f', value), 9) end
  local function line(name, row)
    local cells = {pad(name, width), ' '}
    for _, score in ipairs(SCORE_NAMES) do cells[#cells + 1] = row[score] and number(row[score]) or string.rep(' ', 10) end
    cells[#cells + 1] = ' ' .. pad(tostring(row.support), 9)
    return table.concat(cells) .. '\n'
  end
  local lines = {pad('', width), ' '}
  for _, header in ipairs{'precision', 'recall', 'f1-score', 'support'} do lines[#lines + 1] = ' ' .. pad(header, 9) end
  lines[#lines + 1] = '\n\n'
  for i, row in ipairs(rows) do lines[#lines + 1] = line(names[i], row) end
  lines[#lines + 1] = '\n'
  for _, entry in ipairs(averages) do lines[#lines + 1] = line(entry.name, entry.row) end
  return table.concat(lines)
end

--- The classification report of labels y_pred against y_true: precision, recall, F1 and support per
--- label (sorted; or `labels`, in their order) and their accuracy, macro and weighted averages.
--- Returns the text as scikit-learn prints it and a table of the numbers keyed as scikit-learn's
--- output_dict (by label name; 'accuracy', 'macro avg', 'weighted avg').
--- Options: target_names, digits (2), labels, zero_division (0 or 1: the score where it is 0/0).
local function classification_report(y_true, y_pred, options)
  local where = 'ml.classification_report'
  y_true = arguments.labels(where, 'y_true', y_true)
  y_pred = arguments.labels(where, 'y_pred', y_pred)
  arguments.same_length(where, 'y_true', y_true, 'y_pred', y_pred)
  local present = arguments.sorted_unique(where, y_true, y_pred)
  options = report_options(options, present)
  local hits, predicted, support = count_outcomes(y_true, y_pred)
  local rows, supports, numbers = {}, {}, {}
  local total_hits, total_predicted, total_support = 0, 0, 0
  for i, label in ipairs(options.labels) do
    local h, p, s = hits[label] or 0, predicted[label] or 0, support[label] or 0
    rows[i], supports[i] = label_scores(h, p, s, options.zero_division), s
    numbers[options.names[i]] = rows[i]
    total_hits, total_predicted, total_support = total_hits + h, total_predicted + p, total_support + s
  end
  -- With every label reported, the micro average is the accuracy; with some left out it is not.
  local covers_all = true
  local reported = {}
  for _, label in ipairs(options.labels) do reported[label] = true end
  for _, label in ipairs(present) do covers_all = covers_all and reported[label] == true end
  local averages = {}
  if covers_all then
    local accuracy = ratio(total_hits, total_support, options.zero_division)
    numbers.accuracy = accuracy
    averages[1] = {name = 'accuracy', row = {['f1-score'] = accuracy, support = total_support}}
  else
    local micro = label_scores(total_hits, total_predicted, total_support, options.zero_division)
    numbers['micro avg'] = micro
    averages[1] = {name = 'micro avg', row = micro}
  end
  numbers['macro avg'] = average(rows, nil, options.zero_division)
  numbers['weighted avg'] = average(rows, supports, options.zero_division)
  averages[2] = {name = 'macro avg', row = numbers['macro avg']}
  averages[3] = {name = 'weighted avg', row = numbers['weighted avg']}
  return report_text(rows, options.names, averages, options.digits), numbers
end

-- Which label of y_true is the positive class: `pos_label` when given, else 1 when the labels are
-- {0, 1}, {-1, 1} or one of their values alone, as scikit-learn decides it.
local function positive_label(where, y_true, pos_label)
  local classes = arguments.sorted_unique(where, y_true)
  if #classes > 2 then
    local shown = label_names(table.move(classes, 1, math.min(#classes, 5), 1, {}))
    fail('%s: y_true must hold two classes (a binary problem), got %d: %s%s', where, #classes,
         table.concat(shown, ', '), #classes > 5 and ', ...' or '')
  end
  if pos_label ~= nil then
    for _, class in ipairs(classes) do
      if class == pos_label then return pos_label end
    end
    fail("%s: option 'pos_label' is %s, which is not a label of y_true (%s)", where, arguments.describe(pos_label),
         table.concat(label_names(classes), ', '))
  end
  for _, class in ipairs(classes) do
    if class ~= 0 and class ~= 1 and class ~= -1 then
      fail('%s: y_true has the labels {%s}; say which is the positive class with {pos_label = ...}', where,
           table.concat(label_names(classes), ', '))
    end
  end
  return 1
end

-- Counts of false and true positives at each distinct score, from the highest score down: the
-- points of the ROC curve before they are normalized, and the scores they start at.
local function threshold_points(positive, scores)
  local order = {}
  for i = 1, #scores do order[i] = i end
  table.sort(order, function(a, b) return scores[a] > scores[b] end)
  local false_positives, true_positives, thresholds = {}, {}, {}
  local fp, tp = 0, 0
  for rank, i in ipairs(order) do
    if positive[i] then tp = tp + 1 else fp = fp + 1 end
    local next_index = order[rank + 1]
    if not next_index or scores[next_index] ~= scores[i] then
      false_positives[#false_positives + 1], true_positives[#true_positives + 1] = fp, tp
      thresholds[#thresholds + 1] = scores[i]
    end
  end
  return false_positives, true_positives, thresholds
end

-- Keeps the first and last point and every point where the curve turns (the second difference of
-- either count is not zero); points on a straight segment add nothing to the plot or its area.
local function drop_collinear(fps, tps, thresholds)
  if #fps <= 2 then return fps, tps, thresholds end
  local kept_fps, kept_tps, kept_thresholds = {fps[1]}, {tps[1]}, {thresholds[1]}
  for i = 2, #fps - 1 do
    if fps[i - 1] - 2 * fps[i] + fps[i + 1] ~= 0 or tps[i - 1] - 2 * tps[i] + tps[i + 1] ~= 0 then
      kept_fps[#kept_fps + 1], kept_tps[#kept_tps + 1], kept_thresholds[#kept_thresholds + 1] = fps[i], tps[i], thresholds[i]
    end
  end
  kept_fps[#kept_fps + 1], kept_tps[#kept_tps + 1], kept_thresholds[#kept_thresholds + 1] = fps[#fps], tps[#tps], thresholds[#thresholds]
  return kept_fps, kept_tps, kept_thresholds
end

-- The checked labels and scores of a ROC computation, and which samples are positive.
local function roc_inputs(where, y_true, scores, options, known)
  options = arguments.options(where, options, known)
  y_true = arguments.labels(where, 'y_true', y_true)
  scores = arguments.scores(where, 'scores', scores)
  arguments.same_length(where, 'y_true', y_true, 'scores', scores)
  local pos_label = positive_label(where, y_true, options.pos_label)
  local positive = {}
  for i, label in ipairs(y_true) do positive[i] = label == pos_label end
  return positive, scores, options
end

-- The ROC curve of `positive` (booleans) ranked by `scores`, with or without its collinear points.
local function curve(positive, scores, drop_intermediate)
  local fps, tps, thresholds = threshold_points(positive, scores)
  if drop_intermediate then fps, tps, thresholds = drop_collinear(fps, tps, thresholds) end
  table.insert(fps, 1, 0)
  table.insert(tps, 1, 0)
  table.insert(thresholds, 1, math.huge)
  local negatives, positives = fps[#fps], tps[#tps]
  local fpr, tpr = {}, {}
  for i = 1, #fps do
    -- With no negatives (or no positives) the rate is undefined: NaN, as scikit-learn gives.
    fpr[i] = negatives > 0 and fps[i] / negatives or 0 / 0
    tpr[i] = positives > 0 and tps[i] / positives or 0 / 0
  end
  return fpr, tpr, thresholds
end

--- The ROC curve of a binary classifier: false and true positive rates (Lua lists) at each
--- threshold, from the highest score down, starting at (0, 0) with the threshold math.huge.
--- Options: pos_label (1 by default for {0, 1} and {-1, 1} labels), drop_intermediate (true).
local function roc_curve(y_true, scores, options)
  local where = 'ml.roc_curve'
  local positive, values
  positive, values, options = roc_inputs(where, y_true, scores, options, {'pos_label', 'drop_intermediate'})
  local drop = arguments.boolean(where, "option 'drop_intermediate'", options.drop_intermediate, true)
  return curve(positive, values, drop)
end

--- The area under the ROC curve of a binary classifier's scores (trapezoids between its points).
--- Option: pos_label, as for roc_curve.
local function roc_auc_score(y_true, scores, options)
  local where = 'ml.roc_auc_score'
  local positive, values = roc_inputs(where, y_true, scores, options, {'pos_label'})
  local has_positive, has_negative = false, false
  for _, p in ipairs(positive) do
    if p then has_positive = true else has_negative = true end
  end
  if not (has_positive and has_negative) then
    fail('%s: y_true holds only %s samples; the area under the ROC curve needs both classes', where,
         has_positive and 'positive' or 'negative')
  end
  local fpr, tpr = curve(positive, values, true)
  local area = 0
  for i = 2, #fpr do area = area + (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2 end
  return area
end

return {
  classification_report = public(classification_report),
  roc_curve = public(roc_curve),
  roc_auc_score = public(roc_auc_score),
}
