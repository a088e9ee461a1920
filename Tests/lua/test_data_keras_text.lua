-- Keras' text archives through the `data` module: data.reuters_npz on an archive NumPy wrote (see
-- Tests/DatasetsFixtures/make_fixtures.py), data.read_word_index on files written here, bad input.
local check = require 'support.check'
local probe = require 'support.probe'
local data = require 'data'

local folder = probe.folder()
local function file(name, bytes) return probe.write(folder .. '/' .. name, bytes) end
local archive = probe.root() .. '/Tests/DatasetsFixtures/keras_text.npz'
-- What the archive holds (make_fixtures.py): four stories of word ids and their topics.
local stories = {{1, 14, 300}, {70000, 2, 2, 9}, {}, {255, 256, 65535, 65536}}
local topics = {3, 4, 0, 45}

-- The story a prepared sequence came from, found by its topic (the topics are distinct).
local function story_of(label)
  for i, topic in ipairs(topics) do if topic == label then return stories[i] end end
end

check.test('reuters_npz: ids shifted as Keras does, every story in train or test once', function()
  local train, test = data.reuters_npz(archive, {test_split = 0.25})
  check.equal(train.count, 3)
  check.equal(test.count, 1)
  check.equal(train.source, archive)
  local seen = {}
  for _, part in ipairs {train, test} do
    for i = 1, part.count do
      local label = part.labels[i]
      seen[#seen + 1] = label
      local expected = {1}
      for _, id in ipairs(story_of(label)) do expected[#expected + 1] = id + 3 end
      check.same(probe.values(part.sequences[i]), expected)
    end
  end
  table.sort(seen)
  check.same(seen, {0, 3, 4, 45})
end)

check.test('reuters_npz: num_words replaces rare ids by oov_char; the seed fixes the split', function()
  local train, test = data.reuters_npz(archive, {num_words = 300, test_split = 0.5, seed = 5})
  for _, part in ipairs {train, test} do
    for i = 1, part.count do
      for _, id in ipairs(probe.values(part.sequences[i])) do check.truthy(id < 300, 'id ' .. id .. ' >= num_words') end
    end
  end
  local again = data.reuters_npz(archive, {num_words = 300, test_split = 0.5, seed = 5})
  check.same(probe.values(again.labels), probe.values(train.labels))
  local plain = data.reuters_npz(archive, {start_char = 7, index_from = 0, test_split = 0})
  check.equal(plain.count, 4)
  for i = 1, 4 do check.equal(plain.sequences[i][1], 7) end
end)

check.test('reuters_npz: bad options and files are named, with the script line', function()
  check.raises(function() data.reuters_npz(archive, {test_split = 1}) end, "data.reuters_npz: test_split must be at least 0 and below 1, got 1.0")
  check.raises(function() data.reuters_npz(archive, {num_words = 0}) end, "data.reuters_npz: num_words must be 1 or more, got 0")
  check.raises(function() data.reuters_npz(archive, {words = 10}) end, 'words')
  local message = check.raises(function() data.reuters_npz(file('text.npz', 'not a zip archive')) end,
    'text.npz at byte 17: this is not a zip archive')
  check.truthy(message:find('test_data_keras_text.lua:%d+:'), 'no script line in: ' .. message)
  data.save_npz(folder .. '/plain.npz', {x = probe.tensor({1, 2}, {2}), y = probe.tensor({0, 1}, {2}, 'int64')})
  check.raises(function() data.reuters_npz(folder .. '/plain.npz') end, "'x' must be an object array of word-id lists")
end)

check.test('read_word_index: words and ranks; bad values named', function()
  local index = data.read_word_index(file('index.json', '{"the": 1, "of": 2, "reuter": 3}'))
  check.same({index.the, index.of, index.reuter}, {1, 2, 3})
  check.raises(function() data.read_word_index(file('bad.json', '{"the": "first"}')) end, "the word 'the' has the rank first")
  check.raises(function() data.read_word_index(file('list.json', '[1, 2]')) end, 'a word index is a JSON object')
  check.raises(function() data.read_word_index(file('cut.json', '{"the": 1')) end, 'this is not valid JSON')
end)

probe.cleanup()
check.done()
