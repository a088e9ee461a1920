-- exp, sigmoid, tanh and softmax on the vector kernels the machine (or LUNETTE_MAX_ISA) chose: each value
-- within 4 float32 ulps of Lua's double-precision result across the range that does not overflow, NaN
-- kept, infinities and the saturated ends exact. KernelDispatchTests runs this file under every
-- instruction set the machine has.
local check = require 'support.check'
local tensor = require 'tensor'
local lunette = require 'lunette'

local values = {}
for x = -110, 95, 0.0173 do values[#values + 1] = x end
for _, x in ipairs {0, 1e-30, -1e-30, 0.625, -0.625, 20, -20, 88.7, -103.9} do values[#values + 1] = x end
local x = tensor(values)
values = x:totable()   -- the float32 inputs the kernels see: the references start from them too

-- The distance in float32 ulps between a result and the double reference.
local function ulps(value, reference)
  if value == reference then return 0 end
  local magnitude = math.abs(reference)
  if magnitude < 1.2e-38 then return math.abs(value - reference) / 1.4e-45 end
  local spacing = 2.0 ^ (math.floor(math.log(magnitude, 2)) - 23)
  return math.abs(value - reference) / spacing
end

local function within(name, result, reference)
  local worst, at = 0, nil
  for i, v in ipairs(result:totable()) do
    local r = reference(values[i])
    if r < 3.4e38 then
      local error = ulps(v, r)
      if error > worst then worst, at = error, values[i] end
    end
  end
  check.truthy(worst <= 4, string.format('%s on %s: %.1f ulps at x = %s', name, lunette.instruction_set, worst, at))
end

check.test('exp within 4 ulps', function()
  within('exp', x:exp(), math.exp)
end)

check.test('sigmoid within 4 ulps', function()
  within('sigmoid', x:sigmoid(), function(v) return 1 / (1 + math.exp(-v)) end)
end)

check.test('tanh within 4 ulps', function()
  within('tanh', x:tanh(), function(v)
    local magnitude = math.abs(v)
    -- The series where 1 - e^-2|x| would cancel; (1 - e^-2|x|) / (1 + e^-2|x|) elsewhere.
    local t = magnitude < 1e-4 and magnitude - magnitude ^ 3 / 3
      or (1 - math.exp(-2 * magnitude)) / (1 + math.exp(-2 * magnitude))
    return v < 0 and -t or t
  end)
end)

check.test('special values', function()
  local special = tensor {0 / 0, math.huge, -math.huge}
  local e, s, t = special:exp():totable(), special:sigmoid():totable(), special:tanh():totable()
  check.truthy(e[1] ~= e[1] and s[1] ~= s[1] and t[1] ~= t[1], 'NaN stays NaN')
  check.same({e[2], e[3], s[2], s[3], t[2], t[3]}, {math.huge, 0, 1, 0, 1, -1})
end)

check.test('softmax rows sum to 1 and match the formula', function()
  local scores = tensor.randn(7, 33) * 4
  local probabilities = scores:softmax(2)
  for i = 1, 7 do
    local row, total, peak = scores[i]:totable(), 0, -math.huge
    for _, v in ipairs(row) do peak = math.max(peak, v) end
    for _, v in ipairs(row) do total = total + math.exp(v - peak) end
    for j, v in ipairs(row) do check.near(probabilities[i][j], math.exp(v - peak) / total, 1e-6) end
  end
end)

check.done()
