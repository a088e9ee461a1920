-- Writes the skip-gram pairs of scripts/word2vec_reuters.lua's quick mode (the same stories, tokens,
-- vocabulary and pairs, with the same settings and seed) as NumPy files, so that
-- bench/python/experiments.py word2vec trains the same negative-sampling skip-gram in PyTorch:
--   .build/release/lunette run bench/lua/word2vec_pairs.lua [folder]     (default: bench/.word2vec)
-- The folder gets centers.npy and contexts.npy (word ids, int64), negatives.npy (each id's probability
-- of being drawn as a negative, float32) and words.txt (the word of each id, one a line, from id 0).
local tensor, data = require 'tensor', require 'data'

local root = arg[0]:match('^(.*)/bench/lua/[^/]*$') or '.'
local folder = arg[1] or root .. '/bench/.word2vec'
os.execute('mkdir -p "' .. folder .. '"')
local seed = 42
tensor.manual_seed(seed)

local train, test, stories = data.reuters {path = root .. '/data/reuters'}
local texts = {}
for _, part in ipairs {train, test, stories or {texts = {}}} do
  for _, text in ipairs(part.texts) do texts[#texts + 1] = text end
end
local documents = data.tokenize(texts, {stop_words = true, min_length = 2})
local vocab = data.vocabulary(documents, {min_count = 15})
local centers, contexts = data.skipgrams(vocab:encode_all(documents), {window = 5, subsample = 1e-3, seed = seed})
local sampler = data.negative_sampler(vocab, {seed = seed})

data.save_npy(folder .. '/centers.npy', centers)
data.save_npy(folder .. '/contexts.npy', contexts)
local probabilities = {0}                          -- id 0 (padding) is never drawn
for _, p in ipairs(sampler.probabilities) do probabilities[#probabilities + 1] = p end
data.save_npy(folder .. '/negatives.npy', tensor(probabilities))
local words = io.open(folder .. '/words.txt', 'w')
for id = 0, vocab:size() - 1 do words:write((vocab.index_word[id] or '<pad>') .. '\n') end
words:close()
print(string.format('%d pairs, vocabulary of %d words: %s', centers:size(1), vocab:size(), folder))
