-- nn.losses, nn.metrics, nn.activations, nn.initializers and nn.functional: Keras' numbers for the
-- losses and metrics, hand-derived values for the activations and kernels, gradients through them
-- against finite differences, 0-based class ids, and argument errors that name the function.
local check = require 'support.check'
local tensor = require 'tensor'
local autograd = require 'autograd'
local nn = require 'nn'

local function tanh(x) return (math.exp(2 * x) - 1) / (math.exp(2 * x) + 1) end

-- Keras 3.15.1 reference (Tests/NNFixtures/keras_models_reference.json, "losses" and "metrics", made by
-- Tests/NNFixtures/make_keras_models_reference.py from these inputs).
local y_bin = tensor{{1}, {0}, {1}, {0}}
local p_bin = tensor{{0.9}, {0.2}, {0.4}, {0.6}}
local y_cat = tensor{{0, 1, 0}, {1, 0, 0}, {0, 0, 1}}
local p_cat = tensor{{0.2, 0.7, 0.1}, {0.5, 0.3, 0.2}, {0.3, 0.4, 0.3}}
local logits = tensor{{1, 2, -1}, {0.5, -0.5, 0}, {3, 1, 0.2}}
local y_sparse = tensor({1, 0, 2}, {dtype = 'int64'})
local y_reg = tensor{{1, 2}, {3, -1}, {0.5, 0}}
local p_reg = tensor{{1.5, 1}, {2, -1}, {0, 0.5}}

check.test('losses match Keras 3', function()
  local L = nn.losses
  check.near(L.mean_squared_error(y_reg, p_reg):item(), 0.4583333, 1e-6)
  check.near(L.mse(y_reg, p_reg):item(), 0.4583333, 1e-6)
  check.near(L.mae(y_reg, p_reg):item(), 0.5833333, 1e-6)
  check.near(L.mean_absolute_error(y_reg, p_reg):item(), 0.5833333, 1e-6)
  check.near(L.huber(y_reg, p_reg):item(), 0.2291667, 1e-6)
  check.near(L.binary_crossentropy(y_bin, p_bin):item(), 0.5402714, 1e-6)
  check.near(L.binary_crossentropy(y_bin, (p_bin / (1 - p_bin)):log(), {from_logits = true}):item(), 0.5402714, 1e-6)
  check.near(L.categorical_crossentropy(y_cat, p_cat):item(), 0.7512650, 1e-6)
  check.near(L.categorical_crossentropy(y_cat, logits, {from_logits = true}):item(), 1.3361287, 1e-6)
  check.near(L.sparse_categorical_crossentropy(y_sparse, p_cat):item(), 0.7512650, 1e-6)
  check.near(L.sparse_categorical_crossentropy(y_sparse, logits, {from_logits = true}):item(), 1.3361287, 1e-6)
  check.near(L.kl_divergence(y_cat, p_cat):item(), 0.7512620, 1e-6)
  check.near(L.kld(y_cat, p_cat):item(), 0.7512620, 1e-6)
end)

check.test('loss reductions: none gives per-sample values, sum their sum', function()
  -- by hand: squared errors per sample (0.25 + 1) / 2, (1 + 0) / 2, (0.25 + 0.25) / 2
  local per_sample = nn.losses.mse(y_reg, p_reg, {reduction = 'none'})
  check.same(per_sample:totable(), {0.625, 0.5, 0.25}, 1e-6)
  check.near(nn.losses.mse(y_reg, p_reg, {reduction = 'sum'}):item(), 1.375, 1e-6)
  check.near(nn.losses.mse(y_reg, p_reg, {reduction = 'mean'}):item(), 1.375 / 3, 1e-6)
  check.near(nn.losses.mse(y_reg, p_reg, {reduction = 'sum_over_batch_size'}):item(), 1.375 / 3, 1e-6)
  -- cosine similarity of parallel vectors is -1, of orthogonal ones 0
  check.same(nn.losses.cosine_similarity(tensor{{1, 0}, {0, 2}}, tensor{{3, 0}, {1, 0}}, {reduction = 'none'}):totable(),
    {-1, 0}, 1e-6)
end)

check.test('loss options: label_smoothing and huber delta (by hand)', function()
  -- smoothing 0.2 turns a binary target 1 into 0.9: -(0.9 ln 0.8 + 0.1 ln 0.2)
  check.near(nn.losses.binary_crossentropy(tensor{{1}}, tensor{{0.8}}, {label_smoothing = 0.2}):item(),
    -(0.9 * math.log(0.8) + 0.1 * math.log(0.2)), 1e-6)
  -- smoothing 0.3 over two classes turns (1, 0) into (0.85, 0.15)
  check.near(nn.losses.categorical_crossentropy(tensor{{1, 0}}, tensor{{0.6, 0.4}}, {label_smoothing = 0.3}):item(),
    -(0.85 * math.log(0.6) + 0.15 * math.log(0.4)), 1e-6)
  -- huber at |d| = 2: delta (|d| - delta / 2)
  check.near(nn.losses.huber(tensor{{0}}, tensor{{2}}, {delta = 0.5}):item(), 0.875, 1e-6)
  check.near(nn.losses.huber(tensor{{0}}, tensor{{2}}):item(), 1.5, 1e-6)
  check.raises(function() nn.losses.mse(y_reg, p_reg, {delta = 1}) end, "nn.losses.mse: unknown option 'delta'")
  check.raises(function() nn.losses.binary_crossentropy(y_bin, p_bin, {label_smoothing = 2}) end, 'label smoothing must lie in [0, 1], got 2.0')
end)

check.test('nn.losses functions serve as compile losses', function()
  tensor.manual_seed(9)
  local x = tensor.randn(32, 2)
  local y = x:matmul(tensor{{1}, {-1}})
  local model = nn.Sequential {nn.Input {2}, nn.Dense(1)}
  model:compile {optimizer = require('optim').SGD{learning_rate = 0.1}, loss = nn.losses.mse}
  local history = model:fit(x, y, {epochs = 30, batch_size = 32, verbose = 0})
  check.truthy(history.loss[30] < history.loss[1] / 10, history.loss[1] .. ' -> ' .. history.loss[30])
  check.near(model:evaluate(x, y, {verbose = 0}), nn.losses.mse(y, model:predict(x, {verbose = 0})):item(), 1e-6)
end)

check.test('losses are differentiable: gradient of mse against finite differences', function()
  local p = tensor({{0.5, 1}, {2, -1}, {0, 0.5}}, {requires_grad = true})
  local loss = nn.losses.mse(y_reg, p)
  loss:backward()
  -- d/dp mean((p - y)^2) = 2 (p - y) / 6
  check.same(p.grad:totable(), {{2 * -0.5 / 6, 2 * -1 / 6}, {2 * -1 / 6, 0}, {2 * -0.5 / 6, 2 * 0.5 / 6}}, 1e-6)
  local q = tensor({{0.2, 0.7, 0.1}, {0.5, 0.3, 0.2}}, {requires_grad = true})
  local ce = nn.losses.sparse_categorical_crossentropy(tensor({1, 0}, {dtype = 'int64'}), q, {from_logits = true})
  local g = autograd.grad(ce, q)
  local h = 1e-3
  for _, at in ipairs{{1, 2}, {2, 3}} do
    local plus, minus = q:detach():clone(), q:detach():clone()
    plus[at] = plus[at] + h
    minus[at] = minus[at] - h
    local numeric = (nn.losses.sparse_categorical_crossentropy(tensor({1, 0}, {dtype = 'int64'}), plus, {from_logits = true}):item()
      - nn.losses.sparse_categorical_crossentropy(tensor({1, 0}, {dtype = 'int64'}), minus, {from_logits = true}):item()) / (2 * h)
    check.near(g[at], numeric, 1e-3, 'gradient at ' .. at[1] .. ',' .. at[2])
  end
end)

check.test('metrics match Keras 3 and take 0-based class ids', function()
  local M = nn.metrics
  check.equal(M.accuracy(y_bin, p_bin), 0.5)
  check.equal(M.binary_accuracy(y_bin, p_bin), 0.5)
  check.near(M.accuracy(y_cat, p_cat), 2 / 3, 1e-7)
  check.near(M.categorical_accuracy(y_cat, p_cat), 2 / 3, 1e-7)
  check.near(M.accuracy(y_sparse, p_cat), 2 / 3, 1e-7)
  check.near(M.sparse_categorical_accuracy(y_sparse, p_cat), 2 / 3, 1e-7)
  check.equal(M.precision(y_bin, p_bin), 0.5)
  check.equal(M.recall(y_bin, p_bin), 0.5)
  check.near(M.r2_score(y_reg, p_reg), 0.6517857, 1e-6)
  check.near(M.mae(y_reg, p_reg), 0.5833333, 1e-6)
  check.near(M.mse(y_reg, p_reg), 0.4583333, 1e-6)
  -- class 0 is a class: labels {0, 0} against predictions favouring column 1 (class 0)
  check.equal(M.sparse_categorical_accuracy(tensor({0, 0}, {dtype = 'int64'}), tensor{{0.9, 0.1}, {0.2, 0.8}}), 0.5)
end)

check.test('confusion_matrix counts (true class, predicted class) pairs, classes from 0', function()
  local labels = tensor({0, 1, 2, 2, 1}, {dtype = 'int64'})
  local probabilities = tensor{{0.9, 0.1, 0}, {0.2, 0.7, 0.1}, {0, 0.3, 0.7}, {0.5, 0.4, 0.1}, {0, 1, 0}}
  local matrix = nn.metrics.confusion_matrix(labels, probabilities)
  check.equal(matrix:dtype(), 'int64')
  check.same(matrix:totable(), {{1, 0, 0}, {0, 2, 0}, {1, 0, 1}})
  local wider = nn.metrics.confusion_matrix(labels, tensor({0, 1, 2, 0, 1}, {dtype = 'int64'}), {num_classes = 4})
  check.same(wider:shape(), {4, 4})
  check.equal(wider[{3, 1}], 1)            -- row of class 2, column of class 0
  check.raises(function() nn.metrics.confusion_matrix(labels, labels, {num_classes = 2}) end, 'classes must lie in 0..<2')
  check.raises(function() nn.metrics.confusion_matrix(labels, labels, {num_classes = 0}) end,
    "nn.metrics.confusion_matrix: option 'num_classes' must be at least 1, got 0")
end)

check.test('activations by hand, with their options', function()
  local A = nn.activations
  local x = tensor{-2, -0.5, 0, 1, 7}
  check.same(A.relu(x):totable(), {0, 0, 0, 1, 7})
  check.same(A.relu6(x):totable(), {0, 0, 0, 1, 6})
  check.same(A.linear(x):totable(), x:totable())
  check.same(A.leaky_relu(x):totable(), {-0.4, -0.1, 0, 1, 7}, 1e-6)
  check.same(A.leaky_relu(x, {negative_slope = 0.5}):totable(), {-1, -0.25, 0, 1, 7}, 1e-6)
  check.same(A.sigmoid(tensor{0}):totable(), {0.5})
  check.same(A.tanh(tensor{0, 1}):totable(), {0, tanh(1)}, 1e-6)
  check.same(A.elu(tensor{-1, 2}):totable(), {math.exp(-1) - 1, 2}, 1e-6)
  check.same(A.elu(tensor{-1, 2}, {alpha = 2}):totable(), {2 * (math.exp(-1) - 1), 2}, 1e-6)
  check.same(A.softplus(tensor{0}):totable(), {math.log(2)}, 1e-6)
  check.same(A.softsign(tensor{1, -3}):totable(), {0.5, -0.75}, 1e-6)
  check.same(A.exponential(tensor{1}):totable(), {math.exp(1)}, 1e-5)
  local rows = tensor{{1, 2}, {3, 5}}
  local e = math.exp(1)
  check.same(A.softmax(rows):totable(), {{1 / (1 + e), e / (1 + e)}, {1 / (1 + e * e), e * e / (1 + e * e)}}, 1e-6)
  -- axis 1 (Lua's first axis): softmax down the columns
  check.same(A.softmax(rows, {axis = 1}):totable(), {{1 / (1 + e * e), 1 / (1 + e ^ 3)}, {e * e / (1 + e * e), e ^ 3 / (1 + e ^ 3)}}, 1e-6)
  check.same(A.log_softmax(rows, {axis = -1}):totable(), {{-math.log(1 + e), 1 - math.log(1 + e)}, {-math.log(1 + e * e), 2 - math.log(1 + e * e)}}, 1e-5)
  for _, name in ipairs{'selu', 'gelu', 'swish', 'silu', 'hard_sigmoid'} do check.truthy(A[name], name) end
  check.same(A.silu(tensor{0}):totable(), {0})
  check.same(A.hard_sigmoid(tensor{-10, 0, 10}):totable(), {0, 0.5, 1}, 1e-6)
  -- differentiable
  local t = tensor({-1, 2}, {requires_grad = true})
  A.relu(t):sum():backward()
  check.same(t.grad:totable(), {0, 1})
end)

check.test('initializers: shapes, constant values and Keras statistics', function()
  local I = nn.initializers
  check.same(I.zeros{2, 3}:totable(), {{0, 0, 0}, {0, 0, 0}})
  check.same(I.ones(2):totable(), {1, 1})
  check.same(I.constant({2}, {value = 3}):totable(), {3, 3})
  check.same(I.constant(1):totable(), {0})
  tensor.manual_seed(3)
  -- glorot_uniform on (200, 300): uniform on ±sqrt(6 / 500), variance limit^2 / 3 = 2 / 500
  local w = I.glorot_uniform{200, 300}
  check.same(w:shape(), {200, 300})
  local limit = math.sqrt(6 / 500)
  check.truthy(w:max():item() <= limit and w:min():item() >= -limit)
  check.near(w:var():item(), 2 / 500, 2e-4)
  -- he_normal on (400, 100): truncated normal with variance 2 / fan_in
  check.near(I.he_normal(400, 100):var():item(), 2 / 400, 3e-4)
  check.near(I.random_normal({300, 300}, {mean = 1, stddev = 0.5}):mean():item(), 1, 0.01)
  local u = I.random_uniform({1000}, {minval = 2, maxval = 3})
  check.truthy(u:min():item() >= 2 and u:max():item() <= 3)
  local tn = I.truncated_normal({5000}, {stddev = 1})
  check.truthy(tn:abs():max():item() <= 2)
  -- orthogonal: W^T W = gain^2 I for a tall matrix
  local q = I.orthogonal({6, 3}, {gain = 2})
  check.same((q:t():matmul(q)):totable(), {{4, 0, 0}, {0, 4, 0}, {0, 0, 4}}, 1e-4)
  check.near(I.variance_scaling({500, 200}, {scale = 3, mode = 'fan_out', distribution = 'uniform'}):var():item(), 3 / 200, 1e-3)
  for _, name in ipairs{'glorot_normal', 'he_uniform', 'lecun_uniform', 'lecun_normal'} do
    check.same(I[name]{4, 5}:shape(), {4, 5}, nil, name)
  end
  check.raises(function() I.zeros{2, 0} end, 'nn.initializers.zeros: argument #1 must hold positive sizes, got {2, 0}')
  check.raises(function() I.variance_scaling({2}, {mode = 'fan_all'}) end,
    "nn.initializers.variance_scaling: option 'mode' must be one of 'fan_in', 'fan_out', 'fan_avg', got 'fan_all'")
  check.raises(function() I.constant({2}, {val = 1}) end, "nn.initializers.constant: unknown option 'val' (known options: 'value')")
end)

-- Numerical gradient of f (a function of one tensor returning a scalar tensor) at one position.
local function numeric_gradient(f, x, at, h)
  h = h or 1e-2
  local plus, minus = x:detach():clone(), x:detach():clone()
  plus[at] = plus[at] + h
  minus[at] = minus[at] - h
  return (f(plus):item() - f(minus):item()) / (2 * h)
end

check.test('conv2d, conv1d and conv2d_transpose by hand, differentiable', function()
  local F = nn.functional
  -- 1x3x3x1 input 1..9, 2x2 kernel of ones: each output is the sum of a 2x2 window
  local x = tensor{1, 2, 3, 4, 5, 6, 7, 8, 9}:reshape{1, 3, 3, 1}
  local k = tensor.ones(2, 2, 1, 1)
  check.same(F.conv2d(x, k):reshape{4}:totable(), {12, 16, 24, 28})
  check.same(F.conv2d(x, k, {bias = tensor{-20}, activation = 'relu'}):reshape{4}:totable(), {0, 0, 4, 8})
  -- 'same' pads the bottom and right: last row and column see only the inside
  check.same(F.conv2d(x, k, {padding = 'same'}):reshape{9}:totable(), {12, 16, 9, 24, 28, 15, 15, 17, 9})
  check.same(F.conv2d(x, k, {strides = 2, padding = 'same'}):reshape{4}:totable(), {12, 9, 15, 9})
  check.same(F.conv2d(x, k, {dilation = {2, 2}}):reshape{1}:totable(), {1 + 3 + 7 + 9})
  -- conv1d: sequence 1..5, kernel (2, 1, 1) = {1, -1}: x[t] - x[t + 1]; causal pads the front
  local s = tensor{1, 2, 3, 5, 8}:reshape{1, 5, 1}
  local d = tensor{1, -1}:reshape{2, 1, 1}
  check.same(F.conv1d(s, d):reshape{4}:totable(), {-1, -1, -2, -3})
  check.same(F.conv1d(s, d, {padding = 'causal'}):reshape{5}:totable(), {-1, -1, -1, -2, -3})
  -- transposed convolution of one pixel spreads the kernel
  local one = tensor{2}:reshape{1, 1, 1, 1}
  local spread = tensor{1, 2, 3, 4}:reshape{2, 2, 1, 1}
  check.same(F.conv2d_transpose(one, spread):reshape{4}:totable(), {2, 4, 6, 8})
  check.same(F.conv2d_transpose(one, spread, {strides = 2}):shape(), {1, 2, 2, 1})
  -- gradient with respect to the kernel against finite differences
  tensor.manual_seed(5)
  local input = tensor.randn(2, 5, 4, 3)
  local kernel = tensor.randn({3, 2, 3, 2}, {requires_grad = true})
  local function f(kk) return (F.conv2d(input, kk, {padding = 'same', strides = {2, 1}}) ^ 2):sum() end
  local g = autograd.grad(f(kernel), kernel)
  for _, at in ipairs{{1, 1, 1, 1}, {3, 2, 2, 2}, {2, 1, 3, 1}} do
    check.near(g[at], numeric_gradient(f, kernel, at), 2e-2 * math.max(1, math.abs(g[at])))
  end
end)

check.test('pooling and upsampling by hand', function()
  local F = nn.functional
  local x = tensor{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}:reshape{1, 4, 4, 1}
  check.same(F.max_pool2d(x, 2):reshape{4}:totable(), {6, 8, 14, 16})
  check.same(F.avg_pool2d(x, 2):reshape{4}:totable(), {3.5, 5.5, 11.5, 13.5})
  check.same(F.max_pool2d(x, {2, 2}, {strides = 1}):shape(), {1, 3, 3, 1})
  check.same(F.max_pool2d(x, 3, {strides = 2, padding = 'same'}):reshape{4}:totable(), {11, 12, 15, 16})
  check.same(F.global_avg_pool2d(x):totable(), {{8.5}})
  check.same(F.global_max_pool2d(x, {keepdims = true}):shape(), {1, 1, 1, 1})
  local s = tensor{1, 5, 2, 4}:reshape{1, 4, 1}
  check.same(F.max_pool1d(s, 2):reshape{2}:totable(), {5, 4})
  check.same(F.avg_pool1d(s, 2, {strides = 1}):reshape{3}:totable(), {3, 3.5, 3})
  check.same(F.global_avg_pool1d(s):totable(), {{3}})
  check.same(F.global_max_pool1d(s):totable(), {{5}})
  local small = tensor{1, 2, 3, 4}:reshape{1, 2, 2, 1}
  check.same(F.upsample2d(small, 2):reshape{4, 4}:totable(), {{1, 1, 2, 2}, {1, 1, 2, 2}, {3, 3, 4, 4}, {3, 3, 4, 4}})
  check.same(F.upsample2d(small, {1, 2}, {interpolation = 'bilinear'}):shape(), {1, 2, 4, 1})
  -- max pooling sends the gradient to the maximum
  local p = tensor({1, 5, 2, 4}, {requires_grad = true})
  F.max_pool1d(p:reshape{1, 4, 1}, 2):sum():backward()
  check.same(p.grad:totable(), {0, 1, 0, 1})
end)

check.test('dropout, embedding with 0-based ids, batch and layer normalization', function()
  local F = nn.functional
  local ones = tensor.ones(1000)
  check.same(F.dropout(ones, 0.5, {training = false}):totable(), ones:totable())
  tensor.manual_seed(11)
  local dropped = F.dropout(ones, 0.5)
  local kept = (dropped:gt(0)):float():sum():item()
  check.truthy(kept > 400 and kept < 600, kept .. ' kept')
  check.near(dropped:max():item(), 2, 1e-6)         -- kept values scaled by 1 / (1 - rate)
  local weights = tensor{{10, 11}, {20, 21}, {30, 31}}
  check.same(F.embedding(tensor({0, 2, 0}, {dtype = 'int64'}), weights):totable(), {{10, 11}, {30, 31}, {10, 11}})
  check.raises(function() F.embedding(tensor({3}, {dtype = 'int64'}), weights) end, 'embedding')
  -- batch statistics: column means 2 and 20, biased variances 1 and 100
  local x = tensor{{1, 10}, {3, 30}}
  local y, mean, variance = F.batch_norm(x, {epsilon = 1e-9})
  check.same(y:totable(), {{-1, -1}, {1, 1}}, 1e-5)
  check.same(mean:totable(), {2, 20})
  check.same(variance:totable(), {1, 100})
  local z = F.batch_norm(x, {mean = tensor{0, 10}, variance = tensor{4, 25}, gamma = tensor{2, 1}, beta = tensor{1, 0}, epsilon = 1e-9})
  check.same(z:totable(), {{2, 0}, {4, 4}}, 1e-5)
  check.raises(function() F.batch_norm(x, {mean = tensor{0, 1}}) end,
    "nn.functional.batch_norm: give both 'mean' and 'variance' (inference), or neither (batch statistics)")
  -- layer normalization of each row: (x - mean) / std
  check.same(F.layer_norm(tensor{{1, 3}, {10, 30}}, {epsilon = 1e-9}):totable(), {{-1, 1}, {-1, 1}}, 1e-5)
end)

check.test('recurrent kernels: shapes, a hand-derived LSTM step, and gradients', function()
  local F = nn.functional
  -- LSTM with zero kernels and a cell-gate bias of 1 (Keras' gate order i, f, c, o): every gate is
  -- sigmoid(0) = 0.5, the candidate tanh(1); c1 = 0.5 tanh(1), h1 = 0.5 tanh(c1); c2 = 0.5 c1 + 0.5 tanh(1)
  local units = 1
  local x = tensor.zeros(1, 2, 3)
  local kernel, recurrent = tensor.zeros(3, 4 * units), tensor.zeros(units, 4 * units)
  local bias = tensor{0, 0, 1, 0}
  local sequence, h, c = F.lstm(x, kernel, recurrent, {bias = bias})
  local c1 = 0.5 * tanh(1)
  local c2 = 0.5 * c1 + 0.5 * tanh(1)
  check.same(sequence:shape(), {1, 2, 1})
  check.same(sequence:reshape{2}:totable(), {0.5 * tanh(c1), 0.5 * tanh(c2)}, 1e-6)
  check.same(h:totable(), {{0.5 * tanh(c2)}}, 1e-6)
  check.same(c:totable(), {{c2}}, 1e-6)
  -- an initial state {h, c}: c0 = 2 gives c1 = 0.5 * 2 + 0.5 tanh(1)
  local _, _, c_from = F.lstm(tensor.zeros(1, 1, 3), kernel, recurrent, {bias = bias, initial_state = {tensor{{0}}, tensor{{2}}}})
  check.same(c_from:totable(), {{1 + 0.5 * tanh(1)}}, 1e-6)
  -- simple_rnn with identity-like weights: h_t = tanh(x_t + h_{t-1})
  local xs = tensor{0.5, -0.25}:reshape{1, 2, 1}
  local seq, last = F.simple_rnn(xs, tensor{{1}}, tensor{{1}})
  local h1 = tanh(0.5)
  check.same(seq:reshape{2}:totable(), {h1, tanh(-0.25 + h1)}, 1e-6)
  check.same(last:totable(), {{tanh(-0.25 + h1)}}, 1e-6)
  local backwards = F.simple_rnn(xs, tensor{{1}}, tensor{{1}}, {go_backwards = true})
  check.near(backwards:reshape{2}:totable()[1], tanh(-0.25), 1e-6)
  -- gru: shapes (batch 2, 4 steps, 3 units), bias (2, 9) as Keras' reset_after
  tensor.manual_seed(2)
  local gx = tensor.randn(2, 4, 5)
  local gk = tensor.randn({5, 9}, {requires_grad = true})
  local gseq, glast = F.gru(gx, gk, tensor.randn(3, 9), {bias = tensor.zeros(2, 9)})
  check.same(gseq:shape(), {2, 4, 3})
  check.same(glast:shape(), {2, 3})
  local function f(k) return (F.gru(gx, k, tensor.ones(3, 9):mul(0.1)) ^ 2):sum() end
  local g = autograd.grad(f(gk), gk)
  for _, at in ipairs{{1, 1}, {5, 9}, {3, 4}} do
    check.near(g[at], numeric_gradient(f, gk, at, 1e-2), 2e-2 * math.max(1, math.abs(g[at])))
  end
end)

check.test('wrong arguments raise errors naming the function and the argument', function()
  local F, L = nn.functional, nn.losses
  check.raises(function() L.mse(y_reg) end, 'nn.losses.mse: argument #2 expected a Tensor, got no value')
  check.raises(function() L.mse(y_reg, p_reg, {from_logits = true}) end, "nn.losses.mse: unknown option 'from_logits' (known options: 'reduction')")
  check.raises(function() L.binary_crossentropy(y_bin, p_bin, {reduction = 'avg'}) end,
    "nn.losses.binary_crossentropy: option 'reduction' must be one of 'sum_over_batch_size', 'mean', 'sum', 'none', got 'avg'")
  check.raises(function() L.mse(y_reg, p_cat) end, 'labels of shape')
  check.raises(function() L.categorical_crossentropy(y_sparse, p_cat) end, 'for integer class labels use sparse_categorical_crossentropy')
  check.raises(function() nn.metrics.accuracy(y_cat) end, 'nn.metrics.accuracy: argument #2 expected a Tensor, got no value')
  check.raises(function() nn.activations.softmax(p_cat, {axis = 0}) end,
    "nn.activations.softmax: option 'axis' is axis 0, which does not exist: axes count from 1 (-1 is the last)")
  check.raises(function() nn.activations.relu('x') end, 'nn.activations.relu: argument #1 expected a Tensor, got string')
  check.raises(function() nn.activations.relu(p_cat, {alpha = 1}) end, "nn.activations.relu: unknown option 'alpha'")
  check.raises(function() F.conv2d(tensor.zeros(1, 3, 3), tensor.zeros(2, 2, 1, 1)) end, 'conv2d')
  check.raises(function() F.conv2d(tensor.zeros(1, 3, 3, 1), tensor.zeros(2, 2, 1, 1), {padding = 'causal'}) end,
    "nn.functional.conv2d: option 'padding' must be one of 'valid', 'same', got 'causal'")
  check.raises(function() F.conv2d(tensor.zeros(1, 3, 3, 1), tensor.zeros(2, 2, 1, 1), {strides = {1, 2, 3}}) end,
    "nn.functional.conv2d: option 'strides' must hold two integers {rows, columns}, got 3")
  check.raises(function() F.conv2d(tensor.zeros(1, 3, 3, 1), tensor.zeros(2, 2, 1, 1), {activation = 'elu'}) end,
    "nn.functional.conv2d: option 'activation' must be one of 'linear', 'relu', 'sigmoid', 'tanh', got 'elu'")
  check.raises(function() F.max_pool2d(tensor.zeros(1, 4, 4, 1)) end,
    'nn.functional.max_pool2d: argument #2 expected a pool_size: an integer or {rows, columns}, got no value')
  check.raises(function() F.lstm(tensor.zeros(1, 2, 3), tensor.zeros(3, 4), tensor.zeros(1, 4), {initial_state = {tensor.zeros(1, 1)}}) end,
    "nn.functional.lstm: option 'initial_state' must hold two tensors {h, c}, got 1 elements")
  check.raises(function() F.dropout(p_cat, 1.5) end, 'the rate must lie in [0, 1), got 1.5')
  local ok, message = pcall(function() L.mse(1, 2) end)
  check.truthy(not ok and message:find('^[^:]*test_nn_functions.lua:%d+: nn.losses.mse'), message)
end)

check.test('every function of the nn function tables survives wrong arguments', function()
  local floats = tensor{{1, 2}, {3, 4}}
  local longs = tensor({0, 1}, {dtype = 'int64'})
  local image = tensor.ones(1, 4, 4, 2)
  local bad = {nil, 'text', {}, {1, 2}, {{}}, {x = 1}, -1, 0, 0.5, 2 ^ 62, math.maxinteger, math.mininteger, 0 / 0,
               true, print, floats, longs, image, tensor.zeros({}), tensor.zeros(0, 2), {padding = 'same', strides = 0},
               {strides = {math.maxinteger, 1}}, {dilation = -1}, {axis = math.mininteger}, {num_classes = math.maxinteger},
               {reduction = 'none', from_logits = 1}, {bias = floats, initial_state = {floats, floats}}, {value = 0 / 0}}
  local count = 28
  local calls = 0
  local function try(name, f, ...)
    calls = calls + 1
    local ok, message = pcall(f, ...)
    if not ok and (type(message) ~= 'string' or message == '') then
      error(name .. ' raised a non-message error: ' .. tostring(message))
    end
  end
  local total = 0
  for _, table_name in ipairs{'losses', 'metrics', 'activations', 'initializers', 'functional'} do
    local names = {}
    for name, f in pairs(nn[table_name]) do if type(f) == 'function' then names[#names + 1] = name end end
    table.sort(names)
    total = total + #names
    for _, name in ipairs(names) do
      local f = nn[table_name][name]
      for i = 1, count do
        try(name, f, bad[i])
        try(name, f, bad[i], bad[i])
        try(name, f, floats, bad[i])
        try(name, f, image, bad[i], bad[i])
        try(name, f, image, image, bad[i])
        try(name, f, longs, floats, bad[i])
        try(name, f, image, image, image, bad[i])
        try(name, f, {3, 3}, bad[i])
      end
    end
  end
  check.truthy(total >= 70, total .. ' functions')
  print(string.format('     %d functions, %d calls', total, calls))
end)

check.done()
