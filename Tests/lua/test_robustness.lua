-- Input that once ended the process (a signal from an overflow trap, a recursion, a foreign userdata),
-- ran the wrong code or lost work (issue 14): each now gives a Lua error with the script line, or keeps
-- the work. The fuzzers (Tests/fuzz, run by FuzzTests.swift) look for more of the same.
local check = require 'support.check'
local tensor, nn, data, image, plot, lunette = require 'tensor', require 'nn', require 'data', require 'image',
  require 'plot', require 'lunette'
local scratch = require('support.scratch').new()
lunette.mkdir(scratch.folder)

--- Runs f, which must fail on the line it is written on with a message holding `fragment`.
local function fails_here(f, fragment)
  local line = debug.getinfo(2, 'l').currentline
  local message = check.raises(f, fragment)
  check.truthy(message:find('test_robustness.lua:' .. line .. ': ', 1, true), 'no script line in: ' .. message)
  return message
end

local function write(path, bytes)
  local file = assert(io.open(path, 'wb'))
  file:write(bytes)
  file:close()
  return path
end

--- A safetensors file holding `header` (a JSON text) and `payload`.
local function safetensors(name, header, payload)
  return write(scratch:path(name), string.pack('<I8', #header) .. header .. payload)
end

check.test('hostile files: sizes that overflow are errors, not traps', function()
  local huge = safetensors('huge.st', '{"w":{"dtype":"F32","shape":[1099511627776,1099511627776],"data_offsets":[0,16]}}', ('\0'):rep(16))
  fails_here(function() return nn.load(huge) end, 'the shape [1099511627776, 1099511627776] of w is too large for a tensor')
  local model = nn.Sequential {nn.Input {2}, nn.Dense(1)}
  fails_here(function() model:load_weights(huge) end, 'is too large for a tensor')
  local overlapping = safetensors('overlap.st', '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},' ..
    '"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}', ('\0'):rep(12))
  fails_here(function() return nn.load(overlapping) end, 'the byte ranges of a and b overlap')
  -- 2^61 float64 elements: the count fits an Int, count x 8 bytes does not.
  local header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,), }"
  header = header .. (' '):rep(63 - (10 + #header) % 64) .. '\n'
  local npy = write(scratch:path('huge.npy'), '\147NUMPY\1\0' .. string.pack('<I2', #header) .. header .. ('\0'):rep(8))
  fails_here(function() return data.load_npy(npy) end, 'too many to hold')
  -- A header that claims more than the file holds fails before anything of that size is allocated.
  local idx = write(scratch:path('claims.idx'), string.pack('>I4I4I4', 0x0803, 65536, 65536) .. string.pack('>I4', 16) .. 'x')
  fails_here(function() return data.read_idx(idx) end, 'is too short: expected 68719476736 bytes from byte 16, the data ends after 1')
end)

check.test("a saved model whose 'layers' is not a list is refused, not loaded as an empty model", function()
  local path = scratch:path('layers5.st')
  nn.Sequential {nn.Input {2}, nn.Dense(1)}:save(path)
  local file = assert(io.open(path, 'rb'))
  local bytes = file:read('a')
  file:close()
  local length = string.unpack('<I8', bytes)
  local header, payload = bytes:sub(9, 8 + length), bytes:sub(9 + length)
  local damaged, count = header:gsub('\\"layers\\":%b[]', '\\"layers\\":5')
  check.equal(count, 1)
  write(path, string.pack('<I8', #damaged) .. damaged .. payload)
  fails_here(function() return nn.load(path) end, "the model's 'layers' must be a list of layer entries")
end)

check.test('API calls: shapes, counts and conversions that overflow are errors', function()
  fails_here(function() return plot.hist {1e17} end, 'cannot be split into 10 bins')
  fails_here(function() return data.one_hot {math.maxinteger} end, 'too large for one-hot rows')
  local classifier = nn.Sequential {nn.Input {2}, nn.Dense(3, {activation = 'softmax'})}
  classifier:compile {optimizer = 'adam', loss = 'sparse_categorical_crossentropy', metrics = {'accuracy'}}
  fails_here(function() classifier:evaluate(tensor.zeros(4, 2), tensor {1e30, 0, 0, 0}, {verbose = 0}) end, 'is out of range for 3 classes')
  fails_here(function() return nn.Sequential {nn.Input {8, 8, 1}, nn.Conv2D(1, 3, {dilation_rate = 2 ^ 62})} end, 'too large')
  fails_here(function() return nn.Sequential {nn.Input {8, 8, 1}, nn.Conv2DTranspose(1, 3, {strides = 2 ^ 62})} end, 'too large')
  fails_here(function() return nn.Concatenate()({nn.Input {2 ^ 62}, nn.Input {2 ^ 62}}) end, 'together are too large for a tensor along axis -1')
  fails_here(function() return nn.Sequential {nn.Input {2 ^ 40, 2 ^ 40, 1}, nn.UpSampling2D(2 ^ 40)} end, 'too large for a tensor')
  -- The reshape hint of a mismatched input multiplies the model's sizes.
  local wide = nn.Sequential {nn.Input {2 ^ 32, 2 ^ 32}}
  fails_here(function() return wide:predict(tensor.zeros(3, 3), {verbose = 0}) end, 'expected the input to have shape (None, 4294967296, 4294967296), got (3, 3)')
  fails_here(function() return data.multi_hot({{1, 2}}, 2 ^ 40) end, "more than this machine's memory holds")
  fails_here(function() return data.bag_of_words({{1, 2}}, 2 ^ 40) end, "more than this machine's memory holds")
end)

check.test('a model cannot contain itself', function()
  local m = nn.Sequential {nn.Input {2}}
  fails_here(function() m:add(m) end, 'it is or contains this model, and a model cannot contain itself')
  local a = nn.Sequential {nn.Input {2}, nn.Dense(2)}
  local b = nn.Sequential {a}
  fails_here(function() a:add(b) end, 'cannot add Sequential (' .. b.name .. '): it is or contains this model')
  check.equal(#a.layers, 1)
end)

check.test('a foreign userdata given the tensor metatable is not taken for a tensor', function()
  local saved = getmetatable(io.stdout)
  debug.setmetatable(io.stdout, getmetatable(tensor {1}))
  local ok, message = pcall(function() return io.stdout:sum() end)
  debug.setmetatable(io.stdout, saved)
  check.truthy(not ok and message:find('expected a Tensor as self', 1, true), tostring(message))
end)

check.test('paths: NUL bytes, empty paths and folders are refused everywhere', function()
  local folder = scratch.folder
  local nul = folder .. '/a\0b'
  local model = nn.Sequential {nn.Input {2}, nn.Dense(1)}
  local refused = 'contains a NUL byte (\\0), which no file name can hold'
  fails_here(function() model:save(nul .. '.st') end, refused)
  fails_here(function() model:save_weights(nul .. '.st') end, refused)
  fails_here(function() return nn.load(nul .. '.st') end, refused)
  fails_here(function() image.save(nul .. '.png', tensor.zeros(2, 2, 3)) end, refused)
  fails_here(function() return image.load(nul .. '.png') end, refused)
  fails_here(function() data.save_npy(nul .. '.npy', tensor {1}) end, refused)
  fails_here(function() return data.load_npy(nul .. '.npy') end, refused)
  fails_here(function() plot.lines {loss = {1, 2}}:save(nul .. '.png') end, refused)
  fails_here(function() return data.read_csv(nul .. '.csv') end, refused)
  fails_here(function() lunette.write_file(nul .. '.txt', 'x') end, 'contains a NUL byte')
  check.truthy(not lunette.exists(folder .. '/a'), 'nothing was written under the name before the NUL byte')
  fails_here(function() image.save('', tensor.zeros(2, 2, 3)) end, 'the file name is empty')
  fails_here(function() plot.lines {loss = {1, 2}}:save('') end, 'the file name is empty')
  fails_here(function() image.save('.', tensor.zeros(2, 2, 3)) end, "cannot write '.': the path names a folder, not a file")
  fails_here(function() image.save(folder .. '/made/', tensor.zeros(2, 2, 3)) end, 'the path names a folder, not a file')
  check.truthy(not lunette.exists(folder .. '/made'), 'no folder is made for a path that names none')
end)

check.test("a temporary file left by a killed save is removed by the next save to that path; a writer's is not", function()
  local path = scratch:path('model.st')
  local stale = scratch:path('.model.st.k3x9q2.tmp')
  local fresh = scratch:path('.model.st.a1b2c3.tmp')
  local unrelated = scratch:path('.model.st.not-ours.tmp')
  for _, name in ipairs {stale, fresh, unrelated} do write(name, 'partial') end
  check.truthy(os.execute(string.format("touch -d '1 hour ago' '%s' '%s'", stale, unrelated)))
  nn.Sequential {nn.Input {2}, nn.Dense(1)}:save(path)
  check.truthy(not lunette.exists(stale), 'the stale temporary file was removed')
  check.truthy(lunette.exists(fresh), 'a file written a moment ago may belong to a live writer')
  check.truthy(lunette.exists(unrelated), 'only names of our own making are removed')
end)

--- Sends this process SIGINT (as Ctrl-C does) a moment from now, from the background: system()
--- ignores SIGINT in the process that waits for it.
local function interrupt_soon()
  local pid = io.open('/proc/self/stat'):read('a'):match('^(%d+)')
  os.execute(string.format('(sleep 0.2; kill -INT %s) &', pid))
end

check.test('Ctrl-C stops a loop inside a coroutine, resumed or wrapped', function()
  local function spin()
    interrupt_soon()
    while true do end
  end
  local ok, message = coroutine.resume(coroutine.create(spin))
  check.truthy(not ok and message:find('interrupted', 1, true), tostring(message))
  check.raises(coroutine.wrap(spin), 'interrupted')
  -- A coroutine inside a coroutine.
  ok, message = coroutine.resume(coroutine.create(function() return coroutine.wrap(spin)() end))
  check.truthy(not ok and message:find('interrupted', 1, true), tostring(message))
end)

check.test("Ctrl-C during fit runs the callbacks' on_train_end, then raises the interruption", function()
  local model = nn.Sequential {nn.Input {2}, nn.Dense(1)}
  model:compile {optimizer = 'sgd', loss = 'mse'}
  local ended = false
  local message = check.raises(function()
    model:fit(tensor.rand(16, 2), tensor.rand(16, 1), {epochs = 1e9, batch_size = 4, verbose = 0, callbacks = {{
      on_epoch_end = function(epoch) if epoch == 1 then interrupt_soon() end end,
      on_train_end = function() ended = true end}}})
  end, 'interrupted')
  check.truthy(ended, 'on_train_end ran: ' .. message)
end)

check.test('a save past the file-size limit is a Lua error, not SIGXFSZ', function()
  local pid = io.open('/proc/self/stat'):read('a'):match('^(%d+)')
  local executable = io.popen('readlink /proc/' .. pid .. '/exe'):read('l')
  local path = scratch:path('limited.st')
  local command = string.format([[ulimit -f 1; '%s' -e "require('nn').Sequential {require('nn').Input {2000}, ]] ..
    [[require('nn').Dense(10)}:save('%s')" 2>&1; echo "status $?"]], executable, path)
  local output = io.popen(command):read('a')
  check.truthy(output:find('File too large', 1, true) and output:find('status 1', 1, true), output)
  check.truthy(not lunette.exists(path), 'no partial file')
end)

check.test('symbolic calls are freed when nothing refers to them', function()
  local process = require 'support.process'
  local function calls(n)
    for i = 1, n do
      nn.Dense(2)(nn.Input {4})
      if i % 1000 == 0 then collectgarbage() end
    end
    collectgarbage()
    collectgarbage()
  end
  calls(2000) -- the first calls fill caches and free lists
  local before = process.resident_bytes()
  calls(20000)
  -- Each Input once stayed forever with its layer and node, about 0.7 KB: 14 MB here.
  local growth = process.resident_bytes() - before
  check.truthy(growth < 4e6, string.format('resident size grew by %.1f MB', growth / 1e6))
end)

scratch:remove()
check.done()
