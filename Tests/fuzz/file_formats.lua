-- Byte-mutation fuzzer over every file format Lunette reads. Run by Tests/LunetteTests/FuzzTests.swift
-- in a scratch folder (the current one): `lunette run file_formats.lua SEED CASES_PER_FORMAT FIRST_CASE`.
-- Case k is the same for the same seed whatever ran before it, so a run can go on after a crash.
-- Each case prints `begin K FORMAT`, then `ok K` or `error K MESSAGE`: the harness counts them and
-- tells a crash (a signal) or a hang from a Lua error.
local tensor, nn, data, image = require 'tensor', require 'nn', require 'data', require 'image'
package.path = arg[0]:match('^(.*)/[^/]*$') .. '/?.lua;' .. package.path
local mutate, cases = require 'mutate', require 'cases'

local seed, per_format, first = tonumber(arg[1]), tonumber(arg[2]), tonumber(arg[3]) or 1
local root = os.getenv('LUNETTE_ROOT')

local function read(path)
  local file = assert(io.open(path, 'rb'))
  local bytes = file:read('a')
  file:close()
  return bytes
end

local function write(path, bytes)
  local file = assert(io.open(path, 'wb'))
  file:write(bytes)
  file:close()
end

-- Valid files of each format, written by Lunette itself or taken from the repository.
local function made(name, save)
  save(name)
  return read(name)
end

tensor.manual_seed(1)
local model = nn.Sequential {nn.Input {4}, nn.Dense(3, {activation = 'relu'}), nn.Dense(2)}
local conv = nn.Sequential {nn.Input {6, 6, 1}, nn.Conv2D(2, 3, {padding = 'same'}), nn.UpSampling2D(2),
                            nn.MaxPooling2D(2), nn.Flatten(), nn.Dense(2)}
local model_bytes = made('seed.st', function(path) model:save(path) end)
local conv_bytes = made('seed_conv.st', function(path) conv:save(path) end)

--- A saved model with its JSON architecture mutated (numbers too), the header length kept right.
local function mutate_model_json(bytes)
  local length = string.unpack('<I8', bytes)
  local header, payload = bytes:sub(9, 8 + length), bytes:sub(9 + length)
  local extremes = {'0', '-1', '1e30', '4611686018427387904', '9223372036854775807', '65536', '[]', '{}', 'null', '"x"', '1.5'}
  local n = 0
  header = header:gsub('%d+', function(number)
    n = n + 1
    if math.random() < 0.15 then return extremes[math.random(#extremes)]:gsub('"', '\\"') end
  end)
  if math.random() < 0.5 then header = mutate.bytes(header) end
  return string.pack('<I8', #header) .. header .. payload
end

local formats = {
  {name = 'png', ext = 'png', seeds = {made('seed.png', function(path) image.save(path, tensor.rand(5, 4, 3)) end),
                                       made('seed_grey.png', function(path) image.save(path, tensor.rand(3, 7, 1)) end)},
   read = image.load},
  {name = 'idx', ext = 'idx', seeds = {string.pack('>I4I4I4', 0x0803, 2, 3) .. ('\1\2\3'):rep(2) .. string.pack('>I4', 3) .. ('x'):rep(18),
                                       string.pack('>I4I4', 0x0801, 4) .. '\0\1\2\3',
                                       string.pack('>I4I4I4', 0x0D02, 2, 2) .. string.pack('>ffff', 1, 2, 3, 4)},
   read = data.read_idx},
  {name = 'idx.gz', ext = 'gz', seeds = {read(root .. '/data/mnist/t10k-labels-idx1-ubyte.gz')}, read = data.read_idx},
  {name = 'csv', ext = 'csv', seeds = {'a,b,label\n1,2.5,x\n3,4,y\n5,6e3,x\n', '"q, r";s\n1;2\n"3";4\n',
                                       'date,value\n2000-06-01 00:30,1\n2000-06-01 01:00,2\n'},
   read = function(path) return data.read_csv(path) end},
  {name = 'csv dates', ext = 'csv', seeds = {'date,value\n2000-06-01 00:30,1\n2000-06-01 01:00,2\n'},
   read = function(path) return data.read_csv(path, {dates = {'date'}}) end},
  {name = 'arff', ext = 'arff', seeds = {"@relation r\n@attribute a numeric\n@attribute 'b c' {x,y}\n@attribute t string\n@data\n1,x,'hello world'\n2.5,y,\"q\"\n?,x,z\n% comment\n"}, read = data.read_arff},
  {name = 'npy', ext = 'npy', seeds = {made('seed.npy', function(path) data.save_npy(path, tensor.rand(2, 3)) end),
                                       read(root .. '/Tests/DatasetsFixtures/f8_fortran_2x3x4.npy'),
                                       read(root .. '/Tests/DatasetsFixtures/f4_big_endian.npy'),
                                       read(root .. '/Tests/DatasetsFixtures/i8_5.npy')},
   read = data.load_npy},
  {name = 'npz', ext = 'npz', seeds = {made('seed.npz', function(path) data.save_npz(path, {a = tensor.rand(2, 2), b = tensor.arange(5)}) end),
                                       read(root .. '/Tests/DatasetsFixtures/deflated.npz'),
                                       read(root .. '/Tests/DatasetsFixtures/stored.npz')},
   read = data.load_npz},
  {name = 'safetensors', ext = 'st', seeds = {model_bytes, conv_bytes}, read = nn.load},
  {name = 'weights', ext = 'st', seeds = {model_bytes}, read = function(path) model:load_weights(path) end},
  {name = 'model json', ext = 'st', seeds = {model_bytes, conv_bytes}, mutation = mutate_model_json, read = nn.load},
  {name = 'wav', ext = 'wav', seeds = {made('seed.wav', function(path) data.write_wav(path, tensor.rand(20, 2), {rate = 8000, format = 'float32'}) end),
                                       made('seed16.wav', function(path) data.write_wav(path, tensor.rand(9), {rate = 16000}) end)},
   read = data.read_wav},
  {name = 'reuters npz', ext = 'npz', seeds = {read(root .. '/Tests/DatasetsFixtures/keras_text.npz'),
                                               read(root .. '/Tests/DatasetsFixtures/keras_text_protocol2.npz')},
   read = data.reuters_npz},
  {name = 'word index', ext = 'json', seeds = {'{"the": 1, "of": 2, "to": 3, "said": 4}'}, read = data.read_word_index},
  {name = 'reuters markup', ext = 'sgm', seeds = {read(root .. '/data/reuters/tm/crude/reut-00016.xml')}, read = data.read_reuters},
}

local total = per_format * #formats
for k = first, total do
  local format = formats[(k - 1) // per_format + 1]
  math.randomseed(seed, k)
  local bytes = format.seeds[math.random(#format.seeds)]
  bytes = (format.mutation or mutate.bytes)(bytes)
  local path = 'case.' .. format.ext
  write(path, bytes)
  cases.run(k, format.name, format.read, path)
end
