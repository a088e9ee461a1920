-- The report module and show() in a script run without a report.
local check = require 'support.check'
local report = require 'report'

check.test('no report is made unless asked for', function()
  check.equal(report.folder(), nil)
end)

check.test('report.image checks its file even without a report', function()
  check.raises(function() report.image('/nonexistent/picture.png') end,
    "report.image: cannot read '/nonexistent/picture.png': no such file")
  check.raises(function() report.image(arg[0]) end, "report.image: '" .. arg[0] .. "' is not a PNG image")
  check.raises(function() report.image(42) end, 'report.image: argument #1 expected a string, got number')
end)

check.test('report.open checks its arguments', function()
  check.raises(function() report.open() end, 'report.open: argument #1 expected a string, got no value')
  check.raises(function() report.open('out/x', {titel = 'typo'}) end, "report.open: unknown option 'titel'")
  check.raises(function() report.open('out/x', {title = 3}) end, "option 'title' expected a string, got number")
end)

check.test('show returns nothing and checks its caption', function()
  check.equal(select('#', show('shown by test_report.lua')), 0)
  check.raises(function() show('x', 12) end, 'show: argument #2 expected a string, got number')
end)

-- %% A cell marker: the file runs with the marker replaced by a call on the same line
check.test('cell markers keep line numbers', function()
  check.equal(debug.getinfo(1, 'l').currentline, 29)
  check.equal(type(__lunette_cell), 'function')
end)

check.done()
