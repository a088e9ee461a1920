-- Image preparation through the `data` module: folders, grey copies checked against ITU-R 601 by
-- hand, random patches checked to be crops inside their region, flips.
local check = require 'support.check'
local probe = require 'support.probe'
local data = require 'data'

local embedded = probe.root() .. '/data'

local function copy(from, to) probe.write(to, probe.read_file(from)) end

check.test('image_folder: one subfolder per class, labels 0-based in folder order', function()
  local root = probe.folder()
  os.execute('mkdir -p ' .. root .. '/face ' .. root .. '/other')
  for _, name in ipairs({'000.png', '001.png'}) do copy(embedded .. '/faces/face/' .. name, root .. '/face/' .. name) end
  for _, name in ipairs({'100.png', '101.png'}) do copy(embedded .. '/faces/other/' .. name, root .. '/other/' .. name) end
  local set = data.image_folder(root)
  check.same(probe.shape(set.images), {4, 25, 25, 1})
  check.same(probe.values(set.labels), {0, 0, 1, 1})
  check.same(set.class_names, {'face', 'other'})
  check.same(set.names, {'000', '001', '100', '101'})
  check.equal(set.source, root)
  local faces = data.faces{path = embedded}
  check.same({table.unpack(probe.values(set.images), 1, 2 * 625)}, {table.unpack(probe.values(faces.images), 1, 2 * 625)})
  local rgb = data.image_folder(root, {color_mode = 'rgb', size = 10, dtype = 'uint8'})
  check.same(probe.shape(rgb.images), {4, 10, 10, 3})
  check.equal(probe.dtype(rgb.images), 'uint8')
  check.raises(function() data.image_folder(root, {color_mode = 'cmyk'}) end, "option 'color_mode' must be one of")
end)

check.test('image_folder: photos of different sizes need a size', function()
  local root = probe.folder()
  copy(embedded .. '/images/astronaut.png', root .. '/astronaut.png')
  copy(embedded .. '/images/coffee.png', root .. '/coffee.png')
  check.raises(function() data.image_folder(root) end, 'coffee.png: this image is')
  local set = data.image_folder(root, {size = {32, 48}})
  check.same(probe.shape(set.images), {2, 32, 48, 3})
  check.equal(set.labels, nil)
  check.raises(function() data.image_folder(root, {size = {0, 4}}) end, "option 'size' must be a positive number")
end)

check.test('grey: 0.299 R + 0.587 G + 0.114 B', function()
  local photo = data.images{path = embedded}.by_name.smarties
  local grey = data.grey(photo)
  local shape = probe.shape(photo)
  check.same(probe.shape(grey), {shape[1], shape[2], 1})
  local rgb, luma = probe.values(photo), probe.values(grey)
  for _, pixel in ipairs({1, 100, 5000, #luma}) do
    local r, g, b = rgb[3 * pixel - 2], rgb[3 * pixel - 1], rgb[3 * pixel]
    check.near(luma[pixel], 0.299 * r + 0.587 * g + 0.114 * b, 1e-6)
  end
  local batch = data.grey(probe.tensor({1, 0, 0, 0, 0, 1}, {2, 1, 1, 3}))
  check.same(probe.shape(batch), {2, 1, 1, 1})
  check.same(probe.values(batch), {0.299, 0.114}, 1e-6)
  check.raises(function() data.grey(probe.tensor({1, 2}, {1, 2, 1})) end, 'expected colour images of shape (H, W, 3)')
end)

-- A 100 x 40 x 1 image whose pixel (r, c) (0-based) holds 1000 r + c.
local function position_image()
  local values = {}
  for r = 0, 99 do for c = 0, 39 do values[#values + 1] = 1000 * r + c end end
  return probe.tensor(values, {100, 40, 1})
end

check.test('patches: crops that stay inside their region', function()
  local image = position_image()
  for _, region in ipairs({'whole', 'train', 'test'}) do
    local patches, sources = data.patches({image}, {size = {8, 5}, count = 50, region = region, holdout = 0.3, seed = 4})
    check.same(probe.shape(patches), {50, 8, 5, 1})
    for _, source in ipairs(probe.values(sources)) do check.equal(source, 1) end
    local values = probe.values(patches)
    for p = 0, 49 do
      local origin = values[p * 40 + 1]
      local top, left = origin // 1000, origin % 1000
      for r = 0, 7 do
        for c = 0, 4 do check.equal(values[p * 40 + r * 5 + c + 1], 1000 * (top + r) + left + c) end
      end
      if region == 'train' then check.truthy(top + 8 <= 70, 'train patch at row ' .. top) end
      if region == 'test' then check.truthy(top >= 70, 'test patch at row ' .. top) end
    end
  end
  local a = probe.values(data.patches(image, {size = 6, count = 5, seed = 1}))
  check.same(probe.values(data.patches(image, {size = 6, count = 5, seed = 1})), a)
  check.raises(function() data.patches(image, {size = 40, count = 1, region = 'test'}) end, 'smaller than the patch size')
  check.raises(function() data.patches(image, {count = 1}) end, "option 'size' is required")
end)

check.test('patches: from the photographs, the source of each patch', function()
  local photos = data.images{path = embedded}
  local patches, sources = data.patches(photos.images, {size = 32, count = 200, region = 'train', seed = 9})
  check.same(probe.shape(patches), {200, 32, 32, 3})
  local counts = probe.histogram(sources)
  for i = 1, 8 do check.truthy((counts[i] or 0) > 5, 'photo ' .. i .. ' is used') end
end)

check.test('random_flip: mirrors whole images', function()
  -- image i holds 100 i + 10 r + c (2 rows, 3 columns)
  local values = {}
  for i = 0, 3 do for r = 0, 1 do for c = 0, 2 do values[#values + 1] = 100 * i + 10 * r + c end end end
  local batch = probe.tensor(values, {4, 2, 3, 1})
  local mirrored = probe.values(data.random_flip(batch, {p = 1}))
  check.same({table.unpack(mirrored, 1, 6)}, {2, 1, 0, 12, 11, 10})
  local upside_down = probe.values(data.random_flip(batch, {mode = 'vertical', p = 1}))
  check.same({table.unpack(upside_down, 7, 12)}, {110, 111, 112, 100, 101, 102})
  check.same(probe.values(data.random_flip(batch, {mode = 'horizontal_and_vertical', p = 0})), values)
  check.same(probe.values(data.random_flip(batch, {seed = 3})), probe.values(data.random_flip(batch, {seed = 3})))
  check.raises(function() data.random_flip(batch, {p = 2}) end, 'probability must lie in [0, 1]')
end)

probe.cleanup()
check.done()
