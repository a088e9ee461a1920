-- Text through the `data` module: tokens, vocabulary ids (0 = padding), skip-gram pairs of a tiny
-- sentence worked out by hand, negative sampling, bag-of-words rows.
local check = require 'support.check'
local probe = require 'support.probe'
local data = require 'data'

local ids = function(values) return probe.tensor(values, {#values}, 'int64') end

check.test('tokenize: lower-cased words, punctuation and digits as separators', function()
  check.same(data.tokenize("The U.S. company's 1987 profit rose 12.5%, don't worry!"),
    {'the', 'u', 's', "company's", 'profit', 'rose', "don't", 'worry'})
  check.same(data.tokenize('The 3 Big cats', {lower = false, strip_digits = false}), {'The', '3', 'Big', 'cats'})
  check.same(data.tokenize('the big cat and a dog', {stop_words = true}), {'big', 'cat', 'dog'})
  check.same(data.tokenize('the big cat and a dog', {stop_words = {'Cat', 'dog'}}), {'the', 'big', 'and', 'a'})
  check.same(data.tokenize('to be or not', {min_length = 3}), {'not'})
  check.same(data.tokenize({'One two', 'three'}), {{'one', 'two'}, {'three'}})
  local stop = data.stop_words()
  check.truthy(#stop >= 150 and #stop <= 180, #stop .. ' stop words')
  check.raises(function() data.tokenize('x', {stop_words = 3}) end, 'expected true, false or a list of words')
end)

check.test('vocabulary: ids by frequency, 0 for padding, 1 for the unknown token', function()
  -- counts: a 3, b 2, c 2, d 1, e 1 (b before c and d before e by first appearance)
  local vocab = data.vocabulary({'b a c a', 'd c a e b'})
  check.same(vocab.index_word, {'a', 'b', 'c', 'd', 'e'})
  check.equal(vocab.word_index.c, 3)
  check.same(vocab.counts, {3, 2, 2, 1, 1})
  check.equal(vocab:size(), 6, 'padding counts as an id')
  check.equal(#vocab, 6)
  check.equal(vocab.oov_token, nil)
  check.same(probe.values(vocab:encode('E zzz a')), {5, 1}, nil, 'unknown words are dropped')
  check.same(probe.values(vocab:encode({'d', 'a'})), {4, 1})
  check.same(vocab:decode(ids({5, 0, 1})), {'e', 'a'})
  check.same(vocab:decode({2, 3}), {'b', 'c'})
  local encoded = vocab:encode_all({'a b', {'c'}})
  check.same(probe.values(encoded[1]), {1, 2})
  check.same(probe.values(encoded[2]), {3})
  local unknown = data.vocabulary({{'b', 'a', 'c', 'a'}, {'d', 'c', 'a', 'e', 'b'}}, {oov_token = '<unk>', max_size = 4})
  check.same(unknown.index_word, {'<unk>', 'a', 'b'})
  check.same(probe.values(unknown:encode('a zzz b')), {2, 1, 3})
  check.equal(unknown.oov_token, '<unk>')
  check.same(data.vocabulary({'b a c a', 'd c a e b'}, {min_count = 2}).index_word, {'a', 'b', 'c'})
  check.raises(function() vocab:decode({6}) end, 'id 6 is outside the vocabulary (ids 0 to 5)')
  check.raises(function() data.vocabulary({'a'}, {max_size = 1}) end, 'must be at least 2')
end)

check.test('vocabulary of the Reuters stories: counts add up to the tokens', function()
  local train = data.reuters{path = probe.root() .. '/data'}
  local vocab = data.vocabulary(train.texts)
  local tokens, total = data.tokenize(train.texts), 0
  for _, list in ipairs(tokens) do total = total + #list end
  local counted, previous = 0, math.huge
  for id, count in ipairs(vocab.counts) do
    counted = counted + count
    check.truthy(count <= previous, 'most frequent first')
    previous = count
  end
  check.equal(counted, total)
  check.equal(vocab.index_word[vocab.word_index.grain], 'grain')
  check.equal(vocab:size(), #vocab.index_word + 1)
end)

check.test('skipgrams: the pairs of a tiny sentence, by hand', function()
  -- 'the cat sat on the mat': the = 1 (twice), cat = 2, sat = 3, on = 4, mat = 5
  local vocab = data.vocabulary({'the cat sat on the mat'})
  local sentence = vocab:encode('the cat sat on the mat')
  check.same(probe.values(sentence), {1, 2, 3, 4, 1, 5})
  local centers, contexts = data.skipgrams({sentence}, {window = 1})
  check.same(probe.values(centers), {1, 2, 2, 3, 3, 4, 4, 1, 1, 5})
  check.same(probe.values(contexts), {2, 1, 3, 2, 4, 3, 1, 4, 5, 1})
  -- window 2 over 1 2 3 4: every other word at distance <= 2
  centers, contexts = data.skipgrams({{1, 2, 3, 4}}, {window = 2})
  check.same(probe.values(centers), {1, 1, 2, 2, 2, 3, 3, 3, 4, 4})
  check.same(probe.values(contexts), {2, 3, 1, 3, 4, 1, 2, 4, 2, 3})
  -- padding is skipped, and pairs never cross from one sequence into the next
  centers, contexts = data.skipgrams({ids({0, 5, 6}), ids({7})}, {window = 1})
  check.same(probe.values(centers), {5, 6})
  check.same(probe.values(contexts), {6, 5})
  check.raises(function() data.skipgrams({{1, 2}}, {window = 0}) end, 'window must be 1 or more')
  check.raises(function() data.skipgrams({{1, -2}}) end, 'not a word id')
end)

check.test('skipgrams: shrinking windows and subsampling are seeded', function()
  local long = {}
  for i = 1, 400 do long[i] = i end
  local a_centers, a_contexts = data.skipgrams({long}, {window = 4, shrink_window = true, seed = 3})
  local b_centers = data.skipgrams({long}, {window = 4, shrink_window = true, seed = 3})
  check.same(probe.values(a_centers), probe.values(b_centers))
  local centers, contexts = probe.values(a_centers), probe.values(a_contexts)
  local near, far = 0, 0
  for i = 1, #centers do
    local distance = math.abs(centers[i] - contexts[i])
    check.truthy(distance >= 1 and distance <= 4)
    if distance == 1 then near = near + 1 elseif distance == 4 then far = far + 1 end
  end
  -- distance d is kept when the drawn reach (1...4) is at least d: near words 4 times as often
  check.truthy(near > 3 * far, near .. ' near, ' .. far .. ' far')
  check.truthy(#centers < 2 * (400 * 4 - 10), 'fewer pairs than the full window')
  local frequent = {}
  for i = 1, 2000 do frequent[i] = i % 100 == 0 and 2 or 1 end
  local thinned = data.skipgrams({frequent}, {window = 1, subsample = 1e-3, seed = 1})
  check.truthy(probe.header(thinned).count < 200, 'the frequent word thins out')
end)

check.test('subsample: frequent words dropped, rare ones kept', function()
  -- 10,000 of word 5 and 10 of word 9; t = 1e-3 keeps word 5 with probability sqrt(1e-3 / 0.999)
  local sequence = {}
  for i = 1, 10000 do sequence[i] = 5 end
  for i = 10001, 10010 do sequence[i] = 9 end
  local kept = data.subsample({sequence}, {threshold = 1e-3, seed = 1})
  local counts = probe.histogram(kept[1])
  check.equal(counts[9], 10)
  check.truthy(math.abs(counts[5] - 316.4) < 5 * 17.5, counts[5] .. ' of word 5 kept')
  check.same(probe.values(data.subsample({sequence}, {threshold = 1e-3, seed = 1})[1]), probe.values(kept[1]))
end)

check.test('negative_sampler: unigram counts to the power 0.75', function()
  -- 81^0.75 = 27, 16^0.75 = 8, 1^0.75 = 1: probabilities 27/36, 8/36, 1/36 for ids 1, 2, 3
  local sampler = data.negative_sampler({81, 16, 1}, {table_size = 36000, seed = 2})
  check.same(sampler.probabilities, {27 / 36, 8 / 36, 1 / 36}, 1e-12)
  local draws = sampler:sample(36000)
  check.equal(probe.dtype(draws), 'int64')
  local counts = probe.histogram(draws)
  check.truthy(math.abs(counts[1] - 27000) < 5 * 82, counts[1] .. ' draws of id 1')
  check.truthy(math.abs(counts[3] - 1000) < 5 * 31, counts[3] .. ' draws of id 3')
  check.equal(counts[0], nil, 'padding is never drawn')
  check.same(probe.shape(sampler:sample({4, 5})), {4, 5})
  check.truthy(table.concat(probe.values(sampler:sample(20)), ',') ~= table.concat(probe.values(sampler:sample(20)), ','), 'draws continue the stream')
  local vocab = data.vocabulary({'a a a b'})
  check.same(data.negative_sampler(vocab).probabilities, {3 ^ 0.75 / (3 ^ 0.75 + 1), 1 / (3 ^ 0.75 + 1)}, 1e-12)
  check.raises(function() sampler:sample(-1) end, 'counts 0 or more')
  check.raises(function() data.negative_sampler({1}, {table_size = 2 ^ 62}) end, "more than this machine's memory")
end)

check.test('bag_of_words and multi_hot: one row per sequence, column id + 1', function()
  local sequences = {{1, 2, 2}, {3}, {}}
  check.same(probe.values(data.bag_of_words(sequences, 4)), {0, 1, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0})
  check.same(probe.values(data.bag_of_words(sequences, 4, {mode = 'binary'})), {0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0})
  check.same(probe.values(data.bag_of_words(sequences, 4, {mode = 'freq'})), {0, 1 / 3, 2 / 3, 0, 0, 0, 0, 1, 0, 0, 0, 0}, 1e-6)
  check.same(probe.values(data.multi_hot({ids({0, 2})}, 3)), {1, 0, 1})
  check.raises(function() data.bag_of_words({{4}}, 4) end, 'sequence 1 has word id 4, outside 0 to 3')
end)

check.done()
