-- The `plot` module: charts saved and decoded, series order, confusion matrix counts, figures and
-- error messages.
local check = require 'support.check'
local plot = require 'plot'
local image = require 'image'
local tensor = require 'tensor'

local files = require('support.scratch').new()
local function temporary(name) return files:path(name) end
local function number(x) return type(x) == 'number' and x or x:item() end
local function line() return debug.getinfo(2, 'l').currentline end

-- How many pixels of a decoded picture lie within 2 levels of the colour 0xRRGGBB, and their mean row.
local function count_colour(picture, rgb)
  local r, g, b = (rgb >> 16 & 255) / 255, (rgb >> 8 & 255) / 255, (rgb & 255) / 255
  local count, rows = 0, 0
  for y, row in ipairs(picture:totable()) do
    for _, pixel in ipairs(row) do
      if math.abs(pixel[1] - r) < 2 / 255 and math.abs(pixel[2] - g) < 2 / 255 and math.abs(pixel[3] - b) < 2 / 255 then
        count, rows = count + 1, rows + y
      end
    end
  end
  return count, count > 0 and rows / count or nil
end

-- A chart's rendered values, as one list.
local function flat_picture(chart)
  local values = {}
  for _, row in ipairs(chart:render():totable()) do
    for _, pixel in ipairs(row) do for _, v in ipairs(pixel) do values[#values + 1] = v end end
  end
  return values
end

-- The saved picture, decoded: its size, and that it is not blank (dark text and white background).
local function decoded(path, height, width)
  local picture = image.load(path)
  check.same(picture:shape(), {height, width, 3})
  check.truthy(number(picture:min()) < 0.2 and number(picture:max()) > 0.95, 'the picture is not blank')
  return picture
end

check.test('a chart saved as PNG has the asked size and shows its line in the first colour', function()
  local path = temporary('line.png')
  local chart = plot.chart {title = 'Loss', xlabel = 'epoch', ylabel = 'loss', width = 320, height = 240}
  check.equal(chart:line({3, 1, 2, 0.5}, {label = 'loss'}), chart, 'methods return the chart')
  chart:save(path)
  local picture = decoded(path, 240, 320)
  -- matplotlib's first colour, tab:blue #1f77b4; absent from the rest of the chart.
  check.truthy(count_colour(picture, 0x1f77b4) > 100, 'the line is drawn in tab:blue')
  check.same(chart:render():shape(), {240, 320, 3})
end)

check.test('charts default to 640x480, and save makes missing folders', function()
  local path = temporary('deeper/default.png')
  plot.lines({1, 2, 3}):save(path)
  decoded(path, 480, 640)
end)

check.test('plot.lines draws loss first and each metric before its val_ twin', function()
  local chart = plot.lines {val_accuracy = {0.5, 0.6}, accuracy = {0.6, 0.7}, val_loss = {1, 0.8},
                            loss = {0.9, 0.7}, auc = {0.7, 0.8}}
  check.equal(tostring(chart), "Chart 640x480: line 'loss', line 'val_loss', line 'accuracy', "
    .. "line 'val_accuracy', line 'auc'")
  local titled = plot.lines({x = {1, 2}, val_x = {2, 3}}, {title = 'History', xlabel = 'epoch'})
  check.equal(tostring(titled), "Chart 'History' 640x480: line 'x', line 'val_x'")
  check.equal(tostring(plot.lines({{1, 2}, {2, 3}})), 'Chart 640x480: line, line', 'a list of series')
  check.equal(tostring(plot.lines(tensor.tensor({1, 2, 3}))), 'Chart 640x480: line', 'a tensor')
end)

check.test('plot.lines takes the History that fit returns, drawing its lists and not epoch or params', function()
  local nn = require 'nn'
  local model = nn.Sequential {nn.Input {1}, nn.Dense(1)}
  model:compile {optimizer = 'sgd', loss = 'mse'}
  local x = tensor.tensor({{1}, {2}, {3}, {4}})
  local history = model:fit(x, x, {epochs = 2, verbose = 0, validation_data = {x, x}})
  check.equal(tostring(plot.lines(history)), "Chart 640x480: line 'loss', line 'val_loss'")
  check.equal(tostring(plot.lines(history.history)), "Chart 640x480: line 'loss', line 'val_loss'")
end)

check.test('plot.lines picks colours in its order, so loss is tab:blue and val_loss tab:orange', function()
  local path = temporary('history.png')
  -- loss is a flat line at the top of the axes, val_loss one at the bottom.
  plot.lines({val_loss = {0, 0, 0}, loss = {1, 1, 1}}, {legend = false}):save(path)
  local picture = image.load(path)
  local blue, blue_row = count_colour(picture, 0x1f77b4)
  local orange, orange_row = count_colour(picture, 0xff7f0e)
  check.truthy(blue > 100 and orange > 100, 'both lines are drawn')
  check.truthy(blue_row < 100 and orange_row > 380, 'loss (high) in tab:blue, val_loss (low) in tab:orange')
end)

check.test('confusion matrix counts (true class per row, predicted class per column)', function()
  -- Pairs (true, predicted): (0,0) (1,2) (2,2) (2,2) (1,1) (0,1) (2,0).
  local chart, counts = plot.confusion_matrix({0, 1, 2, 2, 1, 0, 2}, {0, 2, 2, 2, 1, 1, 0})
  check.same(counts, {{1, 1, 0}, {0, 1, 1}, {1, 0, 2}})
  check.equal(tostring(chart), "Chart 'Confusion matrix' 640x480: matrix 3x3")
  -- Tensors work too, and (N, K) probabilities count as the class of their largest entry.
  local probabilities = tensor.tensor({{0.9, 0.1, 0}, {0.1, 0.2, 0.7}, {0, 0.4, 0.6}, {0.2, 0.1, 0.7},
                                       {0.3, 0.6, 0.1}, {0.4, 0.5, 0.1}, {0.8, 0.1, 0.1}})
  local _, again = plot.confusion_matrix(tensor.tensor({0, 1, 2, 2, 1, 0, 2}, {dtype = 'int64'}), probabilities)
  check.same(again, counts)
  -- Names fix the number of classes, unseen ones included.
  local _, named = plot.confusion_matrix({0, 1}, {1, 1}, {labels = {'a', 'b', 'c'}, normalize = 'true'})
  check.same(named, {{0, 1, 0}, {0, 1, 0}, {0, 0, 0}})
  local path = temporary('confusion.png')
  chart:save(path)
  decoded(path, 480, 640)
end)

check.test('scatter, bars, histograms, matrices and figures render', function()
  local x, y, classes, values, words = {}, {}, {}, {}, {}
  for i = 1, 60 do
    x[i], y[i] = math.cos(i), math.sin(i * 1.3)
    classes[i], values[i], words[i] = i % 3, i / 60, 'w' .. i
  end
  local scatter = plot.scatter(x, y, {labels = classes, class_names = {'zero', 'one', 'two'}, title = 'Classes'})
  check.equal(tostring(scatter), "Chart 'Classes' 640x480: scatter (60 points)")
  scatter:scatter(x, y, {texts = words, color = 'k', size = 3})
  local from_tensors = plot.scatter(tensor.tensor(x), tensor.tensor(y), {labels = tensor.tensor(classes, {dtype = 'int64'})})
  -- float32 coordinates move the antialiased edges by a hair.
  check.same(flat_picture(from_tensors), flat_picture(plot.scatter(x, y, {labels = classes})), 1e-3,
    'tensors and tables give the same chart')
  local by_value = plot.chart {}:scatter(x, y, {values = values, cmap = 'magma', colorbar_label = 'i / 60'})
  local bars = plot.bar({'a', 'b', 'c'}, {3, 1, 2}, {label = 'first'}):bar({'a', 'b', 'c'}, {2, 2, 1}, {label = 'second'})
  check.equal(tostring(bars), "Chart 640x480: bar 'first', bar 'second'")
  local hist = plot.hist(values, {bins = 6, density = true})
  local matrix = plot.matrix({{1, 0.5}, {0.25, 0}}, {row_labels = {'r1', 'r2'}, decimals = 1})
  local figure = plot.figure {rows = 2, columns = 3, title = 'All'}
  for _, chart in ipairs({scatter, by_value, bars, hist, matrix}) do figure:add(chart) end
  figure:add(tensor.rand({20, 30, 3}), {title = 'noise'})
  check.equal(tostring(figure), 'Figure 1320x720: 6 of 6 panels (2x3) used')
  local path = temporary('figure.png')
  figure:save(path)
  decoded(path, 720, 1320)
  check.same(plot.figure {columns = 2}:render():shape(), {480, 880, 3})
end)

check.test('errors name the function and the option, at the script line', function()
  local here = line()
  check.raises(function() plot.chart {yscale = 'logarithmic'} end,
    'test_plot.lua:' .. here + 1 .. ": plot.chart: option 'yscale' must be one of 'linear', 'log', got 'logarithmic'")
  check.raises(function() plot.chart {}:line({1, 2, 3}, {1, 2}) end, 'Chart:line: x has 3 values but y has 2; they must match')
  check.raises(function() plot.chart {}:line({1, 2}, {colour = 'red'}) end,
    "Chart:line: unknown option 'colour' (known options: 'color', 'label', 'linewidth', 'markers')")
  check.raises(function() plot.chart {}:line({1, 2}, {color = 'reddish'}) end,
    "Chart:line: option 'color' must be a colour name")
  check.raises(function() plot.chart {}:line({1, 'two'}) end, 'Chart:line: argument #1 element 2 expected a number, got string')
  check.raises(function() plot.chart {}:line(tensor.zeros({2, 3})) end,
    'Chart:line: argument #1 expected a table of numbers or a 1-D tensor, got shape (2, 3)')
  check.raises(function() plot.hist({1, 2}, {bins = 0}) end, "plot.hist: option 'bins' must be between 1 and 10000, got 0")
  check.raises(function() plot.lines {loss = {1, 2}, val_loss = 'high'} end,
    "plot.lines: argument #1 field 'val_loss' expected a table of numbers or a 1-D tensor, got string")
  check.raises(function() plot.lines {} end, 'plot.lines: argument #1 holds no series')
  check.raises(function() plot.confusion_matrix({0, 1}, {0}) end,
    'plot.confusion_matrix: 2 true labels but 1 predictions')
  check.raises(function() plot.confusion_matrix({0, 3}, {0, 1}, {labels = {'a', 'b'}}) end,
    'class id 3 is out of range for 2 classes')
  check.raises(function() plot.confusion_matrix({0, -1}, {0, 1}) end, 'class ids must not be negative')
  check.raises(function() plot.confusion_matrix({0, 1e6}, {0, 1}) end, 'is beyond the 16384 classes a confusion matrix can have')
  check.raises(function() plot.chart {}:matrix({{1, 2}, {3}}) end, 'row 2 has 1 values, row 1 has 2')
  check.raises(function() plot.lines({-1, 0}, {yscale = 'log'}):save(temporary('log.png')) end,
    'Chart:save: a log-scale y axis needs positive values, and the data has none')
  check.raises(function() plot.figure {rows = 1}:add(plot.chart {}):add(plot.chart {}) end,
    'Figure:add: all 1 panels (1x1) are already used')
  check.raises(function() plot.figure {}:add('chart') end, 'Figure:add: argument #1 expected a Chart or an image tensor')
  check.raises(function() plot.chart {}.line(nil, {1, 2}) end, "Chart:line: expected a Chart as self (call it with ':')")
  check.raises(function() plot.chart {}:scatter({1, 2}, {1, 2}, {labels = {0, 1}, values = {1, 2}}) end,
    'Chart:scatter: give either classes (colour per class) or values (colour by value), not both')
end)

files:remove()
check.done()
