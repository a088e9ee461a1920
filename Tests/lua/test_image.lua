-- The `image` module: PNG round trips, resizing, geometry, colour conversions, grids, colormaps,
-- heatmap overlays and error messages. Expected values are worked out by hand from the definitions
-- in the comments (or, for the fixture files, listed by the script that wrote them).
local check = require 'support.check'
local image = require 'image'
local tensor = require 'tensor'

local files = require('support.scratch').new()
local function temporary(name) return files:path(name) end

-- A reduction's result as a number, whether the tensor module returns numbers or 0-dim tensors.
local function number(x) return type(x) == 'number' and x or x:item() end

-- The values of a tensor in row-major order.
local function flat(t)
  local values = {}
  local function walk(v)
    if type(v) == 'table' then for _, e in ipairs(v) do walk(e) end else values[#values + 1] = v end
  end
  walk(t:totable())
  return values
end

local function line() return debug.getinfo(2, 'l').currentline end

check.test('load reads the fixture files (written without libpng) as H x W x C', function()
  -- Samples as Tests/Fixtures/Imaging/make_fixtures.py wrote them (3 wide, 2 high).
  local fixtures = {
    grey8 = {1, {0, 64, 255, 128, 1, 200}},
    grey_alpha8 = {2, {0, 255, 64, 128, 255, 255, 128, 64, 1, 200, 200, 255}},
    rgb8 = {3, {255, 0, 0, 0, 255, 0, 0, 0, 255, 12, 34, 56, 255, 255, 255, 100, 150, 200}},
    rgba8 = {4, {255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 64, 12, 34, 56, 255, 255, 255, 255, 200, 100, 150, 200, 100}},
  }
  for name, fixture in pairs(fixtures) do
    local path = 'Tests/Fixtures/Imaging/' .. name .. '.png'
    local bytes = image.load(path, {dtype = 'uint8'})
    check.equal(bytes:dtype(), 'uint8', name)
    check.same(bytes:shape(), {2, 3, fixture[1]})
    check.same(flat(bytes), fixture[2])
    local floats = image.load(path)
    check.equal(floats:dtype(), 'float32', name)
    local expected = {}
    for i, v in ipairs(fixture[2]) do expected[i] = v / 255 end
    check.same(flat(floats), expected, 1e-7)
  end
end)

check.test('float images survive save and load to within one level of 256', function()
  tensor.manual_seed(3)
  for _, shape in ipairs({{5, 7}, {5, 7, 1}, {4, 6, 2}, {4, 6, 3}, {3, 5, 4}}) do
    local t = tensor.rand(shape)
    local path = temporary('round_' .. #shape .. '_' .. (shape[3] or 0) .. '.png')
    image.save(path, t)
    local back = image.load(path)
    check.same(back:shape(), {shape[1], shape[2], shape[3] or 1})
    local original, loaded = flat(t), flat(back)
    for i = 1, #original do
      check.near(loaded[i], math.floor(original[i] * 255 + 0.5) / 255, 1e-6, 'value ' .. i)
    end
  end
end)

check.test('saving clamps to [0, 1] and rounds to the nearest of 256 levels', function()
  local t = tensor.tensor({{-0.5, 0, 0.5, 0.498, 1, 1.5}})
  local path = temporary('clamped.png')
  image.save(path, t)
  -- 0.5 * 255 = 127.5 rounds up to 128; 0.498 * 255 = 126.99 rounds to 127.
  check.same(flat(image.load(path, {dtype = 'uint8'})), {0, 0, 128, 127, 255, 255})
end)

check.test('uint8 tensors are written as they are, and to_uint8 rounds as save does', function()
  local bytes = tensor.tensor({{{0, 10, 20}, {30, 40, 250}}}, {dtype = 'uint8'})
  local path = temporary('bytes.png')
  image.save(path, bytes)
  check.same(flat(image.load(path, {dtype = 'uint8'})), {0, 10, 20, 30, 40, 250})
  local converted = image.to_uint8(tensor.tensor({{-1, 0.498, 0.5, 1.2}}))
  check.equal(converted:dtype(), 'uint8')
  check.same(flat(converted), {0, 127, 128, 255})
  check.equal(image.to_uint8(bytes), bytes, 'a uint8 tensor comes back as it is')
end)

check.test('save makes missing folders', function()
  local path = temporary('deeper/still/picture.png')
  image.save(path, tensor.ones({2, 2}))
  check.same(image.load(path):shape(), {2, 2, 1})
end)

check.test('resize of a batch: area averages the covered pixels', function()
  local first = {{0, 0, 1, 1}, {0, 0, 1, 1}, {1, 1, 0, 0}, {1, 1, 0, 0}}
  local second = {}
  for r = 0, 3 do
    second[r + 1] = {}
    for c = 0, 3 do second[r + 1][c + 1] = (4 * r + c) / 15 end
  end
  local batch = tensor.tensor({first, second}):reshape({2, 4, 4, 1})
  local small = image.resize(batch, 2, 2, {method = 'area'})
  check.same(small:shape(), {2, 2, 2, 1})
  -- Means of 2x2 blocks: (0+1+4+5)/4 = 2.5, (2+3+6+7)/4 = 4.5, 10.5, 12.5 (over 15).
  check.same(flat(small), {0, 1, 1, 0, 2.5 / 15, 4.5 / 15, 10.5 / 15, 12.5 / 15}, 1e-6)
  check.same(image.resize(batch, 2, 2):totable(), small:totable(), 1e-7, 'auto shrinks with area')
end)

check.test('resize: nearest and bilinear sample at pixel centres', function()
  local row = tensor.tensor({{0, 1}})
  -- Output pixel i of 4 sits at source position (i + 0.5) / 2 - 0.5: -0.25, 0.25, 0.75, 1.25,
  -- clamped to the edge pixels for bilinear; nearest takes the source pixel under (i + 0.5) / 2.
  check.same(flat(image.resize(row, 1, 4, {method = 'bilinear'})), {0, 0.25, 0.75, 1}, 1e-6)
  check.same(flat(image.resize(row, 1, 4, {method = 'nearest'})), {0, 0, 1, 1})
  check.same(image.resize(row, 3, 4):shape(), {3, 4}, nil, 'an (H, W) image stays (H, W)')
  check.same(image.resize(tensor.rand({2, 6, 6, 3}), 3, 5):shape(), {2, 3, 5, 3})
  local bytes = image.resize(tensor.tensor({{0, 255}}, {dtype = 'uint8'}), 1, 4, {method = 'nearest'})
  check.equal(bytes:dtype(), 'float32', 'uint8 pixels are read as n / 255')
  check.same(flat(bytes), {0, 0, 1, 1})
end)

check.test('crop, pad, flips and quarter turns move pixels as NumPy does', function()
  local t = tensor.tensor({{1, 2, 3}, {4, 5, 6}})
  check.same(image.hflip(t):totable(), {{3, 2, 1}, {6, 5, 4}})
  check.same(image.vflip(t):totable(), {{4, 5, 6}, {1, 2, 3}})
  -- numpy.rot90([[1, 2, 3], [4, 5, 6]], k) for k = 1, 2, 3 (-1) and 4.
  check.same(image.rot90(t):totable(), {{3, 6}, {2, 5}, {1, 4}})
  check.same(image.rot90(t, 2):totable(), {{6, 5, 4}, {3, 2, 1}})
  check.same(image.rot90(t, -1):totable(), {{4, 1}, {5, 2}, {6, 3}})
  check.same(image.rot90(t, 3):totable(), {{4, 1}, {5, 2}, {6, 3}})
  check.same(image.rot90(t, 4):totable(), t:totable())
  check.same(image.crop(t, 1, 2, 2, 2):totable(), {{2, 3}, {5, 6}})
  check.same(image.crop(t, 2, 1, 1, 3):totable(), {{4, 5, 6}})
  check.same(image.pad(t, 1):totable(), {{0, 0, 0, 0, 0}, {0, 1, 2, 3, 0}, {0, 4, 5, 6, 0}, {0, 0, 0, 0, 0}})
  check.same(image.pad(t, {left = 2, bottom = 1}, {fill = 9}):totable(),
    {{9, 9, 1, 2, 3}, {9, 9, 4, 5, 6}, {9, 9, 9, 9, 9}})
end)

check.test('geometry works on batches and keeps the dtype', function()
  local batch = tensor.tensor({{{{1}, {2}}, {{3}, {4}}}, {{{5}, {6}}, {{7}, {8}}}}, {dtype = 'uint8'})
  local flipped = image.hflip(batch)
  check.equal(flipped:dtype(), 'uint8')
  check.same(flat(flipped), {2, 1, 4, 3, 6, 5, 8, 7})
  check.same(flat(image.rot90(batch)), {2, 4, 1, 3, 6, 8, 5, 7})
  check.same(flat(image.crop(batch, 2, 1, 1, 2)), {3, 4, 7, 8})
  check.same(image.pad(batch, 1):shape(), {2, 4, 4, 1})
  local cropped = image.crop(batch, 1, 1, 2, 2)
  check.truthy(cropped ~= batch, 'crop returns a new tensor')
end)

check.test('grey uses the ITU-R 601 weights; grey_to_rgb repeats the value', function()
  local colours = tensor.tensor({{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.2, 0.4, 0.6}}})
  local grey = image.grey(colours)
  check.same(grey:shape(), {1, 4, 1})
  -- 0.299 R + 0.587 G + 0.114 B; the last: 0.0598 + 0.2348 + 0.0684.
  check.same(flat(grey), {0.299, 0.587, 0.114, 0.363}, 1e-6)
  check.same(flat(image.rgb_to_grey(colours)), flat(grey))
  local rgb = image.grey_to_rgb(tensor.tensor({{0.25, 0.5}}))
  check.same(rgb:totable(), {{{0.25, 0.25, 0.25}, {0.5, 0.5, 0.5}}})
  check.same(image.grey(rgb):shape(), {1, 2, 1})
  check.same(image.grey(tensor.rand({3, 4, 4, 3})):shape(), {3, 4, 4, 1}, nil, 'batches stay batches')
end)

check.test('rgb_to_lab gives the published L*a*b* of the sRGB primaries; lab_to_rgb inverts it', function()
  local colours = tensor.tensor({{{1, 1, 1}, {0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}}})
  local lab = flat(image.rgb_to_lab(colours))
  -- CIE L*a*b* (D65) of sRGB white, black, red, green and blue.
  local expected = {100, 0, 0, 0, 0, 0, 53.2408, 80.0925, 67.2032, 87.7347, -86.1827, 83.1793,
                    32.2970, 79.1875, -107.8602}
  check.same(lab, expected, 0.02)
  tensor.manual_seed(5)
  local photo = tensor.rand({2, 3, 4, 3})
  check.same(flat(image.lab_to_rgb(image.rgb_to_lab(photo))), flat(photo), 1e-3)
end)

check.test('grid: sizes from columns and padding', function()
  local digits = tensor.rand({10, 28, 28, 1})
  -- Default columns ceil(sqrt(10)) = 4, so 3 rows; 2 pixels of padding between and around.
  check.same(image.grid(digits):shape(), {3 * 28 + 4 * 2, 4 * 28 + 5 * 2, 1})
  check.same(image.grid(digits, {columns = 5, padding = 0}):shape(), {2 * 28, 5 * 28, 1})
  check.same(image.grid(tensor.rand({6, 8, 8}), {columns = 3, padding = 1}):shape(), {2 * 8 + 3, 3 * 8 + 4, 1},
    nil, 'an (N, H, W) batch of grey images')
  -- Different sizes share equal cells (the largest width and height); any colour image makes RGB.
  local mixed = image.grid({tensor.rand({3, 5, 3}), tensor.rand({4, 2})})
  check.same(mixed:shape(), {4 + 2 * 2, 2 * 5 + 3 * 2, 3})
  -- A black 2x2 image with one pixel of white padding around it.
  check.same(image.grid({tensor.zeros({2, 2})}, {padding = 1}):totable(),
    {{{1}, {1}, {1}, {1}}, {{1}, {0}, {0}, {1}}, {{1}, {0}, {0}, {1}}, {{1}, {1}, {1}, {1}}})
  local titled = image.grid(digits, {titles = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, columns = 5})
  check.truthy(titled:size(1) > 2 * 28 and titled:size(2) >= 5 * 28, 'titles make room for themselves')
  local labels = tensor.tensor({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {dtype = 'int64'})
  check.same(flat(image.grid(digits, {titles = labels, columns = 5})), flat(titled), nil, 'titles from a tensor of labels')
end)

check.test('colormap scales values to the map; colorbar is as tall as asked', function()
  check.same(flat(image.colormap({{0, 1}}, {cmap = 'gray'})), {0, 0, 0, 1, 1, 1})
  -- With range {0, 2}, 1 sits at 0.5: entry floor(0.5 * 256) = 128 of the 256-entry table, 128/255.
  check.same(flat(image.colormap(tensor.tensor({{1}}), {cmap = 'gray', range = {0, 2}})),
    {128 / 255, 128 / 255, 128 / 255}, 1e-6)
  check.same(image.colormap(tensor.rand({5, 6, 1})):shape(), {5, 6, 3})
  local bar = image.colorbar({cmap = 'magma', range = {-1, 1}, height = 200, label = 'value'})
  check.equal(bar:size(1), 200)
  check.equal(bar:size(3), 3)
end)

check.test('heatmap overlay of a batch: maps upsampled, scaled per map, blended with alpha', function()
  local black = tensor.zeros({3, 8, 8, 1})
  -- Each map is 0 on the left and 1 on the right; upsampled, the outer pixels keep 0 and 1. jet(0) =
  -- (0, 0, 0.5) and jet(1) = (0.5, 0, 0); blended over black with alpha 0.4: 0.4 times those.
  local maps = tensor.tensor({{{0, 1}, {0, 1}}, {{0, 5}, {0, 5}}, {{-2, 7}, {-2, 7}}})
  local overlay = image.heatmap_overlay(black, maps)
  check.same(overlay:shape(), {3, 8, 8, 3})
  local values = overlay:totable()
  for n = 1, 3 do
    check.same(values[n][1][1], {0, 0, 0.2}, 1e-6)
    check.same(values[n][8][8], {0.2, 0, 0}, 1e-6)
  end
  -- A flat map has no range: every pixel gets the lowest colour.
  local flat_map = image.heatmap_overlay(tensor.ones({4, 4, 3}), tensor.ones({2, 2}), {alpha = 0.5})
  check.same(flat_map:totable()[3][2], {0.5, 0.5, 0.75}, 1e-6)
  -- alpha 0 leaves the (grey, now RGB) image.
  check.same(flat(image.heatmap_overlay(tensor.tensor({{0.25}}), tensor.tensor({{3}}), {alpha = 0})),
    {0.25, 0.25, 0.25}, 1e-7)
end)

check.test("DESIGN.md's Grad-CAM line works as written", function()
  local x = tensor.rand({12, 28, 28, 1})
  local heat = tensor.rand({10, 7, 7})
  local path = temporary('out/gradcam.png')
  image.save(path, image.grid(image.heatmap_overlay(x:narrow(1, 1, 10), heat)))
  check.same(image.load(path):shape(), {3 * 28 + 4 * 2, 4 * 28 + 5 * 2, 3})
end)

check.test('errors name the function, the argument and the shape, at the script line', function()
  local here = line()
  check.raises(function() image.save(temporary('x.png'), tensor.zeros({2, 3, 4, 5})) end,
    'test_image.lua:' .. here + 1 .. ': image.save: argument #2 expected an image tensor of shape (H, W) or '
    .. '(H, W, C) with C in 1...4, got shape (2, 3, 4, 5)')
  check.raises(function() image.save(temporary('x.png'), tensor.zeros({4, 4, 5})) end, 'got shape (4, 4, 5)')
  check.raises(function() image.save(temporary('x.png'), 'picture') end,
    'image.save: argument #2 expected an image tensor of shape (H, W) or (H, W, C) with C in 1...4, got string')
  check.raises(function() image.save(temporary('x.png'), tensor.zeros({0, 4})) end, 'got an empty tensor of shape (0, 4)')
  check.raises(function() image.load(temporary('missing.png')) end, "image.load: cannot open '" .. temporary('missing.png'))
  check.raises(function() image.load('Tests/lua/test_image.lua') end,
    "image.load: 'Tests/lua/test_image.lua' is not a PNG image")
  check.raises(function() image.resize(tensor.zeros({4, 4}), 0, 3) end,
    'image.resize: argument #2 must be a positive number of pixels')
  check.raises(function() image.resize(tensor.zeros({4, 4}), 2, 2, {methd = 'area'}) end,
    "image.resize: unknown option 'methd' (known options: 'method')")
  check.raises(function() image.resize(tensor.zeros({4, 4}), 2, 2, {method = 'cubic'}) end,
    "image.resize: option 'method' must be one of 'nearest', 'bilinear', 'area', 'auto', got 'cubic'")
  check.raises(function() image.crop(tensor.zeros({28, 28}), 25, 1, 10, 10) end,
    'image.crop: a region of 10x10 pixels at row 25, column 1 does not fit inside the 28x28 image')
  check.raises(function() image.colormap({{1, 2}}, {cmap = 'rainbow'}) end,
    "image.colormap: option 'cmap' must be one of 'gray', 'jet', 'viridis', 'magma', 'hot', 'coolwarm', got 'rainbow'")
  check.raises(function() image.heatmap_overlay(tensor.zeros({3, 8, 8, 1}), tensor.zeros({2, 7, 7})) end,
    'image.heatmap_overlay: argument #2 expected a tensor of 3 maps, shape (3, h, w) or (3, h, w, 1) for a batch '
    .. 'of 3 images, got shape (2, 7, 7)')
  check.raises(function() image.lab_to_rgb(tensor.zeros({2, 2, 1})) end, 'expected 3 channels (L*, a*, b*)')
  check.raises(function() image.grid({}) end, 'image.grid: no images given')
  check.raises(function() image.grid({tensor.zeros({2, 2}), 'x'}) end, 'image.grid: argument #1 element 2 expected an image tensor')
  check.raises(function() image.save(temporary('x.png'), tensor.zeros({2, 2}, {dtype = 'int64'})) end,
    'expected a float32 or uint8 tensor, got a tensor of dtype int64')
end)

files:remove()
check.done()
