-- Makes and reads tensors for the data tests without the Tensor methods, through .npy files: a tensor
-- is written with data.save_npy and parsed here, and test inputs are written here and loaded with
-- data.load_npy. The parsing follows NumPy's format description (magic, version, header dict,
-- little-endian elements), so the tests also check both functions against the format.
local data = require 'data'

local probe = {}

local by_descr = {['<f4'] = {'float32', '<f', 4}, ['<i8'] = {'int64', '<i8', 8}, ['|u1'] = {'uint8', 'B', 1}}
local by_dtype = {float32 = '<f4', int64 = '<i8', uint8 = '|u1'}

local function parse(t, with_values)
  local path = os.tmpname()
  data.save_npy(path, t)
  local file = assert(io.open(path, 'rb'))
  local bytes = file:read('a')
  file:close()
  os.remove(path)
  assert(bytes:sub(1, 6) == '\x93NUMPY', 'not a .npy file')
  local length, start = string.unpack(bytes:byte(7) == 1 and '<I2' or '<I4', bytes, 9)
  local header = bytes:sub(start, start + length - 1)
  local descr = assert(header:match("'descr': '([^']+)'"), header)
  local format = assert(by_descr[descr], 'unexpected descr ' .. descr)
  local shape, count = {}, 1
  for size in header:match("'shape': %(([^)]*)%)"):gmatch('%d+') do
    shape[#shape + 1] = tonumber(size)
    count = count * tonumber(size)
  end
  local first = start + length
  assert(#bytes - first + 1 == count * format[3], 'the data does not match the shape')
  local result = {dtype = format[1], shape = shape, count = count}
  if with_values then
    local values = {}
    for i = 1, count do values[i] = string.unpack(format[2], bytes, first + (i - 1) * format[3]) end
    result.values = values
  end
  return result
end

--- {dtype = 'float32'|'int64'|'uint8', shape = {...}, count = n} (bool tensors read as uint8).
function probe.header(t) return parse(t, false) end

--- probe.header(t) plus values, a flat list in row-major order.
function probe.read(t) return parse(t, true) end

function probe.shape(t) return parse(t, false).shape end
function probe.dtype(t) return parse(t, false).dtype end
function probe.values(t) return parse(t, true).values end

--- The shape as text: '(2, 3)'.
function probe.shape_text(t) return '(' .. table.concat(parse(t, false).shape, ', ') .. ')' end

--- How often each value occurs: counts[value].
function probe.histogram(t)
  local counts = {}
  for _, value in ipairs(parse(t, true).values) do counts[value] = (counts[value] or 0) + 1 end
  return counts
end

--- A tensor of `shape` holding `values` (row-major), dtype 'float32' (default), 'int64' or 'uint8'.
function probe.tensor(values, shape, dtype)
  dtype = dtype or 'float32'
  shape = shape or {#values}
  local descr = assert(by_dtype[dtype], 'unknown dtype ' .. tostring(dtype))
  local format = by_descr[descr]
  local shape_text = #shape == 1 and '(' .. shape[1] .. ',)' or '(' .. table.concat(shape, ', ') .. ')'
  local dict = "{'descr': '" .. descr .. "', 'fortran_order': False, 'shape': " .. shape_text .. ', }'
  local padding = (64 - (10 + #dict + 1) % 64) % 64
  local header = dict .. string.rep(' ', padding) .. '\n'
  local parts = {'\x93NUMPY\1\0', string.pack('<I2', #header), header}
  for i, value in ipairs(values) do parts[#parts + 1] = string.pack(format[2], value) end
  local path = os.tmpname()
  local file = assert(io.open(path, 'wb'))
  file:write(table.concat(parts))
  file:close()
  local t = data.load_npy(path)
  os.remove(path)
  return t
end

--- The folder holding the repository (Tests/lua/... is run from it, but arg[0] may be absolute).
function probe.root()
  return arg[0]:match('^(.*)/Tests/lua/[^/]*$') or '.'
end

--- The shared full data sets: LUNETTE_DATA, else ../shared/data beside the checkout; nil if absent.
function probe.shared_data()
  for _, folder in ipairs({os.getenv('LUNETTE_DATA') or '', probe.root() .. '/../shared/data'}) do
    if folder ~= '' then
      local file = io.open(folder .. '/mnist/train-labels-idx1-ubyte.gz', 'rb')
      if file then
        file:close()
        return folder
      end
    end
  end
  return nil
end

--- A fresh temporary folder (removed by probe.cleanup).
local folders = {}
function probe.folder()
  local path = os.tmpname()
  os.remove(path)
  assert(os.execute('mkdir -p ' .. path))
  folders[#folders + 1] = path
  return path
end

function probe.write(path, bytes)
  local file = assert(io.open(path, 'wb'))
  file:write(bytes)
  file:close()
  return path
end

function probe.read_file(path)
  local file = assert(io.open(path, 'rb'))
  local bytes = file:read('a')
  file:close()
  return bytes
end

function probe.cleanup()
  for _, path in ipairs(folders) do os.execute('rm -rf ' .. path) end
end

return probe
