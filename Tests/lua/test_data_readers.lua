-- File readers and writers of the `data` module on small files written here by hand, and bad input:
-- each damaged file gives a Lua error naming the file and the line or byte, with the script's line.
local check = require 'support.check'
local probe = require 'support.probe'
local data = require 'data'

local folder = probe.folder()
local function file(name, bytes) return probe.write(folder .. '/' .. name, bytes) end

-- An IDX file: magic 00 00 <type> <rank>, the sizes as big-endian 32-bit numbers, then the elements.
local function idx(type_code, sizes, payload)
  local parts = {string.pack('>BBBB', 0, 0, type_code, #sizes)}
  for _, size in ipairs(sizes) do parts[#parts + 1] = string.pack('>I4', size) end
  return table.concat(parts) .. payload
end

check.test('read_idx: unsigned bytes, integers and floats in the file shape', function()
  local bytes = file('bytes.idx', idx(0x08, {2, 3}, '\0\1\2\253\254\255'))
  local t = data.read_idx(bytes)
  check.equal(probe.dtype(t), 'uint8')
  check.same(probe.shape(t), {2, 3})
  check.same(probe.values(t), {0, 1, 2, 253, 254, 255})
  check.same(probe.shape(data.read_idx(bytes, {limit = 1})), {1, 3})
  local ints = data.read_idx(file('ints.idx', idx(0x0C, {2}, string.pack('>i4>i4', -7, 2147483647))))
  check.equal(probe.dtype(ints), 'int64')
  check.same(probe.values(ints), {-7, 2147483647})
  local floats = data.read_idx(file('floats.idx', idx(0x0D, {1, 2}, string.pack('>f>f', 1.5, -0.25))))
  check.equal(probe.dtype(floats), 'float32')
  check.same(probe.values(floats), {1.5, -0.25})
end)

check.test('read_idx: a wrong magic number names the file and byte 0', function()
  local path = file('wrong.idx', 'PK\3\4' .. string.rep('\0', 20))
  local message = check.raises(function() data.read_idx(path) end, 'wrong.idx at byte 0: wrong magic number 0x504b0304')
  check.truthy(message:find('test_data_readers.lua:%d+: data.read_idx:'), message)
end)

check.test('read_idx: a short payload names the byte where the data ends', function()
  local path = file('short.idx', idx(0x08, {10}, '\1\2\3\4'))
  check.raises(function() data.read_idx(path) end, 'short.idx at byte 12: the IDX payload for shape [10] is too short: expected 10 bytes from byte 8, the data ends after 4')
end)

check.test('a missing file is named', function()
  check.raises(function() data.read_idx(folder .. '/absent.idx') end, 'absent.idx: no such file')
  check.raises(function() data.read_csv(folder .. '/absent.csv') end, 'data.read_csv: ' .. folder .. '/absent.csv: no such file')
  check.raises(function() data.load_npy(folder .. '/absent.npy') end, 'absent.npy: no such file')
end)

check.test('read_csv: numeric columns as tensors, text columns as lists', function()
  local path = file('people.csv', 'name,age,height\n"Smith, Ann",34,1.62\nBo,,1.80\nCy,51,1.75\n')
  local csv = data.read_csv(path)
  check.same(csv.names, {'name', 'age', 'height'})
  check.equal(csv.rows, 3)
  check.same(csv.columns.name, {'Smith, Ann', 'Bo', 'Cy'})
  local ages = probe.values(csv.columns.age)
  check.equal(ages[1], 34.0)
  check.truthy(ages[2] ~= ages[2], 'a missing value is NaN')
  check.same(csv.numeric_names, {'age', 'height'})
  check.same(probe.shape(csv.numeric), {3, 2})
  check.near(probe.values(csv.numeric)[6], 1.75, 1e-6)
  check.equal(csv.source, path)
  local picked = data.read_csv(path, {columns = {'height', 1}})
  check.same(picked.names, {'height', 'name'})
  check.same(probe.values(data.read_csv(path, {columns = {3}, limit = 2}).numeric), {1.62, 1.80}, 1e-6)
end)

check.test('read_csv: delimiter and header options', function()
  local path = file('plain.txt', '1;2\n3;4\n')
  local csv = data.read_csv(path, {delimiter = ';', header = false})
  check.same(csv.names, {'column1', 'column2'})
  check.same(probe.values(csv.numeric), {1, 2, 3, 4})
  check.raises(function() data.read_csv(path, {delimiter = ';;'}) end, "option 'delimiter' must be one character")
  check.raises(function() data.read_csv(path, {columns = {0}}) end, 'column positions count from 1')
end)

check.test('read_csv: a ragged row names its line', function()
  local path = file('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n')
  check.raises(function() data.read_csv(path) end, 'ragged.csv at line 3: this row has 2 fields but line 1 has 3')
end)

check.test('read_csv: dates option splits a date column into numeric parts', function()
  local path = file('hourly.csv', 'time,temp\n2000-06-05 13:30,12.5\n2000-06-10T07:00:00,9\n')
  local t = data.read_csv(path, {dates = {'time'}})
  check.same(t.names, {'time', 'time_year', 'time_month', 'time_day', 'time_hour', 'time_minute', 'time_weekday', 'temp'})
  check.same(t.columns.time, {'2000-06-05 13:30', '2000-06-10T07:00:00'})
  check.same(probe.values(t.columns.time_weekday), {1, 6})   -- a Monday and the Saturday after
  check.same(probe.values(t.columns.time_hour), {13, 7})
  check.same(probe.shape(t.numeric), {2, 7})
  check.same(probe.values(data.read_csv(path, {dates = {1}}).columns.time_day), {5, 10})
  local bad = file('baddate.csv', 'time,temp\n2000-06-05,1\n5 June 2000,2\n')
  local message = check.raises(function() data.read_csv(bad, {dates = {'time'}}) end,
    "baddate.csv: column 'time', data row 2: '5 June 2000' is not a date")
  check.truthy(message:find('test_data_readers.lua:%d+:'), 'no script line in: ' .. message)
  check.raises(function() data.read_csv(path, {dates = {'temp'}}) end, "column 'temp' holds numbers, not dates")
  check.raises(function() data.read_csv(path, {dates = {'when'}}) end, "no column named 'when'")
end)

check.test('read_arff: numeric, nominal and string attributes', function()
  local path = file('weather.arff', [[
% a comment
@relation weather
@attribute temperature numeric
@attribute outlook {sunny, rainy}
@attribute note string
@data
21.5, rainy, 'it\'s wet'
?, sunny, "dry"
]])
  local arff = data.read_arff(path)
  check.equal(arff.relation, 'weather')
  check.equal(arff.rows, 2)
  check.same(arff.attributes[2], {name = 'outlook', type = 'nominal', values = {'sunny', 'rainy'}})
  check.equal(arff.attributes[3].type, 'string')
  local temperature = probe.values(arff.columns.temperature)
  check.equal(temperature[1], 21.5)
  check.truthy(temperature[2] ~= temperature[2], '? is NaN')
  check.equal(probe.dtype(arff.columns.outlook), 'int64')
  check.same(probe.values(arff.columns.outlook), {1, 0})
  check.same(arff.columns.note, {"it's wet", 'dry'})
  check.same(arff.numeric_names, {'temperature', 'outlook'})
end)

check.test('read_arff: an unknown attribute type names its line', function()
  local path = file('bad.arff', '@relation r\n@attribute x numeric\n@attribute when timestamp\n@data\n1,2\n')
  check.raises(function() data.read_arff(path) end, "bad.arff at line 3: unknown type 'timestamp' for attribute 'when'")
end)

check.test('read_reuters: stories of an SGML file with the ModApte split', function()
  local path = file('reut2-000.sgm', [[
<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
<TOPICS><D>cocoa</D></TOPICS><PLACES><D>el-salvador</D><D>usa</D></PLACES>
<TEXT><TITLE>BAHIA COCOA REVIEW</TITLE><BODY>Showers continued &lt;throughout&gt; the week.&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="5545" NEWID="2">
<TOPICS></TOPICS><TEXT><TITLE>NO TOPIC</TITLE><BODY>Text.</BODY></TEXT>
</REUTERS>
]])
  local stories = data.read_reuters(path)
  check.same(stories.ids, {1, 2})
  check.same(stories.titles, {'BAHIA COCOA REVIEW', 'NO TOPIC'})
  check.equal(stories.bodies[1], 'Showers continued <throughout> the week.')
  check.same(stories.topics[1], {'cocoa'})
  check.same(stories.places[1], {'el-salvador', 'usa'})
  check.same(stories.splits, {'train', 'unused'})
  check.equal(data.read_reuters(folder).count, 2, 'a folder: every .sgm file under it')
end)

check.test('save_npy / load_npy round trip keeps dtype, shape and values', function()
  local values = {}
  for i = 1, 24 do values[i] = i * 0.5 - 3 end
  local t = probe.tensor(values, {2, 3, 4})
  local path = folder .. '/x.npy'
  data.save_npy(path, t)
  local back = data.load_npy(path)
  check.same(probe.shape(back), {2, 3, 4})
  check.same(probe.values(back), values)
  local labels = probe.tensor({3, -1, 2 ^ 40}, {3}, 'int64')
  data.save_npy(path, labels)
  check.same(probe.values(data.load_npy(path)), {3, -1, 2 ^ 40})
end)

check.test('save_npz / load_npz round trip', function()
  local path = folder .. '/pair.npz'
  local x, y = probe.tensor({1, 2, 3, 4}, {2, 2}), probe.tensor({7, 9}, {2}, 'uint8')
  data.save_npz(path, {y = y, x = x})
  local arrays, names = data.load_npz(path)
  check.same(names, {'x', 'y'})
  check.same(probe.values(arrays.x), {1, 2, 3, 4})
  check.equal(probe.dtype(arrays.y), 'uint8')
  check.raises(function() data.save_npz(path, {x = 1}) end, 'expected a Tensor')
end)

check.test('load_npy: a truncated file names the byte where the data ends', function()
  local whole = folder .. '/whole.npy'
  data.save_npy(whole, probe.tensor({1, 2, 3, 4, 5, 6}, {6}))
  local bytes = probe.read_file(whole)
  local cut = file('cut.npy', bytes:sub(1, #bytes - 10))
  -- The header is 128 bytes; 6 float32 need 24 bytes from byte 128, 14 are left.
  check.equal(#bytes, 128 + 24)
  check.raises(function() data.load_npy(cut) end, 'cut.npy at byte 142: the .npy data for shape [6] is too short: expected 24 bytes from byte 128, the data ends after 14')
  check.raises(function() data.load_npy(file('text.npy', 'hello')) end, 'text.npy at byte 5: the .npy header is too short')
end)

check.test('image_folder: a file that is not a PNG image is named', function()
  local images = folder .. '/faces'
  os.execute('mkdir -p ' .. images)
  probe.write(images .. '/a.png', probe.read_file(probe.root() .. '/data/faces/face/000.png'))
  probe.write(images .. '/notes.txt', 'not an image')
  check.raises(function() data.image_folder(images) end, 'data.image_folder: ' .. images .. '/notes.txt: this is not a .png image')
  os.remove(images .. '/notes.txt')
  probe.write(images .. '/b.png', 'text pretending to be a PNG')
  check.raises(function() data.image_folder(images) end, images .. '/b.png: PNG: this file is not a PNG image')
end)

probe.cleanup()
check.done()
