-- Renders every chart type of `plot` and every operation of `image` into PNG files, to look at and to
-- check that the modules work end to end.
--
--   lunette run scripts/gallery.lua [output folder]        (default: out/gallery)
--
-- Photographs come from the project's data/images folder (found next to this script's folder) when it
-- is there; otherwise computed pictures stand in for them. Prints each file it wrote with its size.
local image = require 'image'
local plot = require 'plot'

local output = arg[1] or 'out/gallery'
local here = arg[0]:match('^(.*)/[^/]*$') or '.'
local data = here .. '/../data'

local function written(path, width, height)
  print(string.format('%-48s %dx%d', path, width, height))
end

-- Saves an image tensor and lists it.
local function save_image(name, picture)
  local path = output .. '/' .. name .. '.png'
  image.save(path, picture)
  written(path, picture:size(2), picture:size(1))
end

-- Saves a chart or figure and lists it (its size is part of what tostring says about it).
local function save_chart(name, chart)
  local path = output .. '/' .. name .. '.png'
  chart:save(path)
  local width, height = tostring(chart):match('(%d+)x(%d+)')
  written(path, tonumber(width), tonumber(height))
end

-- Deterministic data: Lua's generator from a fixed seed, normal numbers by Box-Muller.
math.randomseed(42)
local function normal() return math.sqrt(-2 * math.log(1 - math.random())) * math.cos(2 * math.pi * math.random()) end

-- A picture as a table of rows of values, coloured with a colormap: stands in for missing photos.
local function pattern(height, width, f, cmap)
  local rows = {}
  for r = 1, height do
    rows[r] = {}
    for c = 1, width do rows[r][c] = f(r / height, c / width) end
  end
  return image.colormap(rows, {cmap = cmap})
end

local function photo(name)
  local ok, picture = pcall(image.load, data .. '/images/' .. name .. '.png')
  return ok and picture or nil
end

local names = {'astronaut', 'chelsea', 'coffee', 'fruits', 'smarties', 'baboon', 'happyfish', 'flower'}
local photos, photo_names = {}, {}
for _, name in ipairs(names) do
  local picture = photo(name)
  if picture then photos[#photos + 1], photo_names[#photo_names + 1] = picture, name end
end
if #photos == 0 then
  print('(no photographs in ' .. data .. '/images: using computed pictures)')
  photos = {
    pattern(192, 256, function(y, x) return math.sin(9 * x) * math.cos(7 * y) + x end, 'viridis'),
    pattern(200, 200, function(y, x) return math.exp(-((x - 0.4) ^ 2 + (y - 0.5) ^ 2) * 12) end, 'magma'),
  }
  photo_names = {'waves', 'spot'}
end
local main = photos[1]

-- The largest centred square of a picture, resized to `size` pixels: thumbnails keep their proportions.
local function square_of(picture, size)
  local height, width = picture:size(1), picture:size(2)
  local side = math.min(height, width)
  local cropped = image.crop(picture, (height - side) // 2 + 1, (width - side) // 2 + 1, side, side)
  return image.resize(cropped, size, size)
end

-- Charts ------------------------------------------------------------------------------------------

local history = {loss = {}, val_loss = {}, accuracy = {}, val_accuracy = {}}
for epoch = 1, 20 do
  history.loss[epoch] = 2.3 * math.exp(-epoch / 4) + 0.08 + 0.02 * math.random()
  history.val_loss[epoch] = 2.3 * math.exp(-epoch / 4.5) + 0.15 + 0.004 * epoch + 0.03 * math.random()
  history.accuracy[epoch] = 1 - 0.9 * math.exp(-epoch / 3) - 0.02 * math.random()
  history.val_accuracy[epoch] = 1 - 0.9 * math.exp(-epoch / 3.5) - 0.05 - 0.02 * math.random()
end
local losses = plot.lines({loss = history.loss, val_loss = history.val_loss},
                          {title = 'Training history', xlabel = 'epoch', ylabel = 'loss'})
save_chart('chart_lines', losses)
save_chart('chart_lines_log', plot.lines(history, {title = 'Loss and accuracy (log scale)', xlabel = 'epoch',
                                                   yscale = 'log', grid = true, markers = true}))

local signal, clean = {}, {}
for i = 1, 10000 do
  clean[i] = math.sin(i / 300)
  signal[i] = clean[i] + 0.2 * normal()
end
save_chart('chart_dense', plot.chart {title = '10,000 points', xlabel = 'sample', ylabel = 'mV'}
  :line(signal, {label = 'signal', linewidth = 1}):line(clean, {label = 'clean'}))

local x, y, classes = {}, {}, {}
for i = 1, 600 do
  local c = i % 3
  x[i], y[i], classes[i] = c * 2 + normal() * 0.7, (c % 2) * 3 - c + normal() * 0.7, c
end
local latent = plot.scatter(x, y, {labels = classes, class_names = {'T-shirt', 'Trouser', 'Pullover'}, alpha = 0.7,
                                   title = 'Latent space by class', xlabel = 'z[1]', ylabel = 'z[2]'})
save_chart('chart_scatter_classes', latent)
local products = {}
for i = 1, #x do products[i] = x[i] * y[i] end
save_chart('chart_scatter_values', plot.scatter(x, y, {values = products, colorbar_label = 'z1 * z2',
                                                       title = 'Latent space coloured by value'}))
local words = {'wheat', 'grain', 'corn', 'oil', 'crude', 'barrel', 'bank', 'rate', 'shares', 'profit', 'tonnes', 'opec'}
local wx, wy = {}, {}
for i = 1, #words do wx[i], wy[i] = (i - 1) % 3 + 0.3 * normal(), (i - 1) // 3 + 0.3 * normal() end
save_chart('chart_scatter_words', plot.scatter(wx, wy, {texts = words, title = 'Word embeddings (PCA)', size = 6}))

save_chart('chart_bars', plot.bar({'dense', 'cnn', 'cnn+dropout'}, {0.91, 0.95, 0.97},
                                  {label = 'train', title = 'Accuracy per model', ylabel = 'accuracy',
                                   legend = 'lower right'})
  :bar({'dense', 'cnn', 'cnn+dropout'}, {0.89, 0.93, 0.96}, {label = 'test'}))

local weights_1, weights_2 = {}, {}
for i = 1, 5000 do weights_1[i], weights_2[i] = 0.1 * normal(), 0.05 * normal() + 0.1 end
save_chart('chart_hist', plot.hist(weights_1, {bins = 40, alpha = 0.7, label = 'dense_1', title = 'Weights after training',
                                               xlabel = 'value', ylabel = 'count'})
  :hist(weights_2, {bins = 40, alpha = 0.7, label = 'dense_2'}))

local correlation = {}
for r = 1, 5 do
  correlation[r] = {}
  for c = 1, 5 do correlation[r][c] = r == c and 1 or 0.8 * math.cos(r * 1.7 + c * 1.7) * math.exp(-math.abs(r - c) / 3) end
end
local features = {'age', 'height', 'weight', 'income', 'score'}
save_chart('chart_matrix', plot.matrix(correlation, {row_labels = features, column_labels = features, cmap = 'coolwarm',
                                                     range = {-1, 1}, title = 'Correlation', colorbar_label = 'r'}))

local fashion = {'T-shirt', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'}
local truth, predicted = {}, {}
for i = 1, 2000 do
  local c = (i - 1) % 10
  truth[i] = c
  -- Mostly right; shirts pass for T-shirts and coats, sneakers for sandals.
  local r = math.random()
  if c == 6 and r < 0.3 then predicted[i] = ({0, 4, 2})[math.random(3)]
  elseif c == 7 and r < 0.08 then predicted[i] = 5
  elseif r < 0.06 then predicted[i] = math.random(0, 9)
  else predicted[i] = c end
end
local confusion = plot.confusion_matrix(truth, predicted, {labels = fashion, title = 'Fashion-MNIST (simulated)'})
save_chart('chart_confusion', confusion)
save_chart('chart_confusion_normalized', plot.confusion_matrix(truth, predicted, {labels = fashion, normalize = 'true',
                                                                                  cmap = 'magma'}))

local elbow = plot.chart {title = 'Elbow curve', xlabel = 'k', ylabel = 'inertia'}
  :line({1, 2, 3, 4, 5, 6, 7, 8}, {5200, 3100, 1900, 1500, 1350, 1280, 1220, 1190}, {markers = true})
save_chart('figure', plot.figure {rows = 2, columns = 2, title = 'Experiment summary'}
  :add(losses):add(elbow):add(latent):add(main, {title = photo_names[1]}))

-- Image operations ----------------------------------------------------------------------------------

save_image('photo', main)
local square = square_of(main, 160)
local detail = image.crop(square, 41, 41, 40, 40)
-- Enlarging a detail 4 times, then shrinking the whole picture to 40x40 (shown 4 times larger):
-- 'area' averages what each pixel covers, 'bilinear' only samples and aliases.
local function shown(picture) return image.resize(picture, 160, 160, {method = 'nearest'}) end
save_image('resize', image.grid({image.resize(detail, 160, 160, {method = 'nearest'}),
                                 image.resize(detail, 160, 160, {method = 'bilinear'}),
                                 shown(image.resize(main, 40, 40, {method = 'area'})),
                                 shown(image.resize(main, 40, 40, {method = 'bilinear'}))},
                                {titles = {'nearest x4', 'bilinear x4', 'area to 40x40', 'bilinear to 40x40'},
                                 columns = 4, padding = 6}))
save_image('geometry', image.grid({square, image.crop(square, 21, 41, 100, 80), image.pad(square, 12, {fill = 0.2}),
                                   image.hflip(square), image.vflip(square), image.rot90(square),
                                   image.rot90(square, -1), image.rot90(square, 2)},
                                  {titles = {'original', 'crop', 'pad', 'hflip', 'vflip', 'rot90', 'rot90 -1', 'rot90 2'},
                                   columns = 4, padding = 6}))
local grey = image.grey(square)
save_image('colour', image.grid({square, grey, image.grey_to_rgb(grey), image.lab_to_rgb(image.rgb_to_lab(square)),
                                 image.colormap(grey, {cmap = 'magma'})},
                                {titles = {'original', 'grey', 'grey_to_rgb', 'Lab round trip', 'grey in magma'},
                                 padding = 6}))
save_image('photo_uint8', image.to_uint8(square))

local gradient = {{}}
for i = 1, 256 do gradient[1][i] = i end
local bands, cmaps = {}, {'viridis', 'magma', 'jet', 'hot', 'coolwarm', 'gray'}
for i, cmap in ipairs(cmaps) do bands[i] = image.resize(image.colormap(gradient, {cmap = cmap}), 24, 256, {method = 'nearest'}) end
save_image('colormaps', image.grid(bands, {titles = cmaps, columns = 1, padding = 4}))
save_image('colorbar', image.colorbar({cmap = 'jet', range = {0, 1}, height = 300, label = 'Grad-CAM weight'}))

-- Grad-CAM style: 7x7 maps with a hot spot at a different place on each photo.
local overlays, spots = {}, {{2, 4}, {3, 3}, {4, 2}, {2, 2}, {5, 5}, {3, 6}, {6, 3}, {4, 4}}
for i, picture in ipairs(photos) do
  local spot, map = spots[(i - 1) % #spots + 1], {}
  for r = 1, 7 do
    map[r] = {}
    for c = 1, 7 do map[r][c] = math.exp(-((r - spot[1]) ^ 2 + (c - spot[2]) ^ 2) / 2) end
  end
  overlays[i] = image.heatmap_overlay(square_of(picture, 128), map)
end
save_image('heatmap_overlay', image.grid(overlays, {titles = photo_names, padding = 6}))

local thumbnails = {}
for i, picture in ipairs(photos) do thumbnails[i] = square_of(picture, 96) end
save_image('grid_photos', image.grid(thumbnails, {titles = photo_names, columns = 4, padding = 6}))

local faces, labels = {}, {}
for i = 0, 11 do
  local ok, face = pcall(image.load, string.format('%s/faces/face/%03d.png', data, i))
  if ok then faces[#faces + 1], labels[#labels + 1] = face, 'face ' .. i end
end
if #faces > 0 then save_image('grid_faces', image.grid(faces, {titles = labels, columns = 6})) end
