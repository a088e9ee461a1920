-- %% Word2vec on Reuters-21578 news: skip-gram word embeddings, their nearest neighbours and a map.
--
--   lunette run scripts/word2vec_reuters.lua [--full] [output folder]     (default: out/word2vec_reuters)
--
-- The homework: tokenize the Reuters stories (stop words removed), build a vocabulary, train
-- skip-gram embeddings, list the nearest neighbours of a few words by cosine similarity and draw the
-- embeddings of chosen words projected on their first two principal components. Two forms of
-- skip-gram are trained: the negative-sampling form (word2vec's own, fast: a few dot products per
-- pair) and the homework's form (an embedding followed by a softmax over the whole vocabulary).
-- The quick default trains the negative-sampling form fully and the softmax form on a slice of the
-- pairs; --full trains both on every pair with the homework's settings, on the shared data folder.
-- Outcome checked at the end: among the 10 nearest neighbours of `wheat` at least 3 are grain words,
-- and of `crude` at least 3 are oil words.

-- %% Settings
local tensor, data, plot, report = require 'tensor', require 'data', require 'plot', require 'report'

local experiment = require 'lunette.experiment'
local run = experiment.setup('word2vec_reuters', arg, {'reuters'})
local full, output = run.full, run.output
report.open(output, {title = 'Word2vec on Reuters-21578' .. (full and ' (full)' or '')})

local settings = {
  dim = 50,                -- embedding size
  window = 5,              -- context words on each side of a center word
  min_count = 15,          -- words seen fewer times are left out of the vocabulary
  subsample = 1e-3,        -- drop occurrences of frequent words (Mikolov's t)
  negatives = 5,           -- negative samples per (center, context) pair
  ns_epochs = full and 10 or 5,
  ns_batch = 256,
  ns_learning_rate = 0.1,
  sm_epochs = full and 5 or 1,
  sm_pairs = not full and 200000 or nil,  -- the quick mode trains the softmax form on a slice of the pairs
  sm_learning_rate = 0.005,
  sm_batch = 256,
  seed = 42,
}
tensor.manual_seed(settings.seed)
experiment.print_settings(settings)

-- %% Load and tokenize the stories
-- The ModApte train and test stories (the ARFF files), and the stories kept in their original
-- markup (the tm folder: crude and acq stories); all of them are text to learn words from.
local train, test, stories = data.reuters {path = run.folder('reuters')}
local texts = {}
for _, part in ipairs {train, test, stories or {texts = {}}} do
  for _, text in ipairs(part.texts) do texts[#texts + 1] = text end
end
local documents = data.tokenize(texts, {stop_words = true, min_length = 2})
local tokens = 0
for _, words in ipairs(documents) do tokens = tokens + #words end
print(string.format('%d stories, %d tokens after removing stop words', #documents, tokens))
print('first story: ' .. table.concat(documents[1], ' ', 1, math.min(25, #documents[1])) .. ' ...')

-- %% Vocabulary and skip-gram pairs
local vocab = data.vocabulary(documents, {min_count = settings.min_count})
local V = vocab:size()
print(tostring(vocab))
local top = {}
for id = 1, 20 do top[#top + 1] = vocab.index_word[id] .. ' ' .. vocab.counts[id] end
print('most frequent: ' .. table.concat(top, ', '))

local sequences = vocab:encode_all(documents)
local centers, contexts = data.skipgrams(sequences, {window = settings.window, subsample = settings.subsample,
                                                    seed = settings.seed})
local pairs_count = centers:size(1)
print(string.format('%d (center, context) pairs from a window of %d', pairs_count, settings.window))

-- %% Nearest neighbours by cosine similarity
-- Cosine similarity: the rows of the embedding matrix scaled to length 1, then one matrix-vector
-- product per query word. Row id + 1 holds word id (row 1 is padding).
local function normalized(embeddings)
  return embeddings / (embeddings:norm(2, 2, true) + 1e-8)
end

-- The k words most similar to `word` (itself left out), each {word =, similarity =}, by the
-- embeddings given, else by the last ones trained; nil for a word outside the vocabulary.
local current_embeddings
local function find_similar(word, k, embeddings)
  local unit = normalized(embeddings or current_embeddings)
  local id = vocab.word_index[word]
  if id == nil then return nil end
  local similarities = unit:matmul(unit[id + 1])
  similarities[1] = -math.huge                      -- padding
  similarities[id + 1] = -math.huge                 -- the word itself
  local values, rows = similarities:topk(k)
  local words = {}
  for i = 1, k do words[i] = {word = vocab.index_word[rows[i] - 1], similarity = values[i]} end
  return words
end

local grain_words = {}
for w in ('grain grains corn maize sorghum barley rice soybean soybeans feedgrains flour crop crops bread oats rye'):gmatch('%S+') do grain_words[w] = true end
local oil_words = {}
for w in ('oil petroleum barrel barrels bbl opec gasoline wti brent refinery refined pemex energy'):gmatch('%S+') do oil_words[w] = true end

local function count_in(neighbours, set)
  local n = 0
  for _, entry in ipairs(neighbours or {}) do if set[entry.word] then n = n + 1 end end
  return n
end

local query_words = {'wheat', 'crude', 'oil', 'dollar', 'iran', 'corn', 'bank', 'tonnes'}
local function print_neighbours(title, embeddings)
  print(title)
  for _, word in ipairs(query_words) do
    local neighbours = find_similar(word, 10, embeddings)
    if neighbours then
      local parts = {}
      for i, entry in ipairs(neighbours) do parts[i] = string.format('%s %.2f', entry.word, entry.similarity) end
      print(string.format('  %-7s -> %s', word, table.concat(parts, ', ')))
    else
      print(string.format('  %-7s (not in the vocabulary)', word))
    end
  end
  local grain = count_in(find_similar('wheat', 10, embeddings), grain_words)
  local oil = count_in(find_similar('crude', 10, embeddings), oil_words)
  print(string.format('  grain words among the neighbours of wheat: %d; oil words among those of crude: %d', grain, oil))
  return grain, oil
end

-- %% Skip-gram with negative sampling
-- For each (center, context) pair: raise sigmoid(u_center . v_context) and lower sigmoid(u_center .
-- v_negative) for `negatives` words drawn with probability ~ count^0.75. The loss of a batch is
-- the sum of softplus(-s) over the true pairs and softplus(s) over the negatives (-log sigmoid).
-- The two embedding tables are plain tensors with gradients: the rows a batch uses are taken with
-- index_select, autograd brings the gradient back to them, and optim's SGD updates the tables with
-- a learning rate decaying linearly to zero, as word2vec does.
local optim = require 'optim'
local sampler = data.negative_sampler(vocab, {seed = settings.seed})
local dim, K, B = settings.dim, settings.negatives, settings.ns_batch
local w_in = ((tensor.rand(V, dim) - 0.5) / dim):requires_grad_()     -- word2vec's initialization
local w_out = tensor.zeros(V, dim):requires_grad_()
local opt = optim.sgd({w_in, w_out}, {learning_rate = settings.ns_learning_rate})
local signs = tensor.ones(1, K + 1)
signs[{1, {2, K + 1}}] = -1                          -- +1 for the context word, -1 for the negatives

local ns_loss = {}
local started = os.time()
local steps_total = settings.ns_epochs * math.ceil(pairs_count / B)
local step = 0
for epoch = 1, settings.ns_epochs do
  local order = tensor.randperm(pairs_count)
  local epoch_centers, epoch_contexts = centers:index_select(1, order) + 1, contexts:index_select(1, order) + 1
  local total = 0
  for first = 1, pairs_count, B do
    local n = math.min(B, pairs_count - first + 1)
    opt.learning_rate = settings.ns_learning_rate * math.max(1e-4, 1 - step / steps_total)
    step = step + 1
    local rows_in = epoch_centers:narrow(1, first, n)
    local rows_out = tensor.cat({epoch_contexts:narrow(1, first, n):reshape{n, 1}, sampler:sample{n, K} + 1}, 2):reshape{-1}
    local u = w_in:index_select(1, rows_in)                                   -- n x dim
    local v = w_out:index_select(1, rows_out):reshape{n, K + 1, dim}          -- n x (K+1) x dim
    local scores = (v * u:reshape{n, 1, dim}):sum(3)                          -- n x (K+1)
    local loss = (-(scores * signs)):softplus():sum()
    opt:zero_grad()
    loss:backward()
    opt:step()
    total = total + loss:item()
  end
  ns_loss[epoch] = total / pairs_count
  print(string.format('epoch %d/%d  loss %.4f  (%.0f s)', epoch, settings.ns_epochs, ns_loss[epoch], os.difftime(os.time(), started)))
end
w_in, w_out = w_in:detach(), w_out:detach()
current_embeddings = w_in
local ns_grain, ns_oil = print_neighbours('Nearest neighbours (negative sampling):', w_in)
plot.lines({loss = ns_loss}, {title = 'Skip-gram with negative sampling', xlabel = 'epoch', ylabel = 'loss per pair'})
  :save(output .. '/ns_loss.png')

-- %% The homework's form: an embedding and a softmax over the vocabulary
-- Each center word's embedding feeds a Dense layer with one output per word of the vocabulary; the
-- softmax gives the probability of every word appearing next to it (sparse categorical cross-entropy
-- against the context word's id). Every pair costs a product with the whole output matrix, which is
-- why the negative-sampling form above is the one used in practice.
local nn = require 'nn'
local sm_count = math.min(settings.sm_pairs or pairs_count, pairs_count)
local chosen = tensor.randperm(pairs_count):narrow(1, 1, sm_count)
local x = centers:index_select(1, chosen):reshape{sm_count, 1}
local y = contexts:index_select(1, chosen)
local model = nn.Sequential {
  nn.Input {1},
  nn.Embedding(V, dim, {name = 'embedding'}),
  nn.Flatten(),
  nn.Dense(V, {activation = 'softmax'}),
}
model:summary()
model:compile {optimizer = optim.Adam {learning_rate = settings.sm_learning_rate}, loss = 'sparse_categorical_crossentropy'}
print(string.format('training on %d of the %d pairs', sm_count, pairs_count))
local history = model:fit(x, y, {epochs = settings.sm_epochs, batch_size = settings.sm_batch, seed = settings.seed})
local sm_embeddings = model:layer('embedding'):get_weights()[1]
local sm_grain, sm_oil = print_neighbours('Nearest neighbours (embedding + softmax):', sm_embeddings)

-- %% A map of chosen words: their embeddings on the first two principal components
local groups = {
  {'grain', {'wheat', 'corn', 'grain', 'barley', 'sorghum', 'soybeans', 'rice', 'maize', 'flour', 'usda'}},
  {'oil', {'crude', 'oil', 'opec', 'barrels', 'petroleum', 'gasoline', 'bpd', 'refinery', 'energy'}},
  {'money', {'dollar', 'yen', 'currency', 'bank', 'rates', 'interest', 'exchange', 'treasury'}},
  {'places', {'iran', 'iraq', 'saudi', 'kuwait', 'japan', 'ussr', 'china', 'brazil', 'argentina'}},
}
local class_names, words, labels, rows = {}, {}, {}, {}
for g, group in ipairs(groups) do
  class_names[g] = group[1]
  for _, word in ipairs(group[2]) do
    local id = vocab.word_index[word]
    if id then
      words[#words + 1], labels[#labels + 1], rows[#rows + 1] = word, g - 1, id + 1
    end
  end
end
local function pca_chart(embeddings, title, path)
  local points = normalized(embeddings):index_select(1, tensor(rows, {dtype = 'int64'}))
  points = points - points:mean(1, true)
  local u, s = points:svd()
  local projected = u:narrow(2, 1, 2) * s:narrow(1, 1, 2)      -- coordinates on the first two components
  local share = (s:narrow(1, 1, 2) ^ 2):sum():item() / (s ^ 2):sum():item()
  plot.scatter(projected:select(2, 1), projected:select(2, 2),
               {labels = labels, class_names = class_names, texts = words, size = 9, title = title,
                xlabel = 'principal component 1', ylabel = 'principal component 2', width = 800, height = 600})
    :save(path)
  print(string.format('%s: %d words, the two components hold %.0f%% of their variance', path, #words, 100 * share))
end
pca_chart(w_in, 'Word embeddings (negative sampling), PCA', output .. '/words_pca.png')
pca_chart(sm_embeddings, 'Word embeddings (embedding + softmax), PCA', output .. '/words_pca_softmax.png')

-- %% Outcome
print(string.format('OUTCOME negative sampling: wheat %d grain words, crude %d oil words (in the 10 nearest)', ns_grain, ns_oil))
print(string.format('OUTCOME embedding + softmax: wheat %d grain words, crude %d oil words (in the 10 nearest)', sm_grain, sm_oil))
experiment.check(ns_grain >= 3, '%d grain words among the 10 nearest neighbours of wheat (need 3)', ns_grain)
experiment.check(ns_oil >= 3, '%d oil words among the 10 nearest neighbours of crude (need 3)', ns_oil)
