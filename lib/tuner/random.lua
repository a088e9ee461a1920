-- tuner.random: numbers in [0, 1) that depend only on a key (the seed, a trial, a hyperparameter's
-- name), so a trial's values can be drawn again in any process and in any order: re-running a
-- search, or running its trials elsewhere, gives the same values. SplitMix64's mixing step over
-- Lua's wrapping 64-bit integers.
local random = {}

local function mix(z)
  z = (z ~ (z >> 30)) * 0xbf58476d1ce4e5b9
  z = (z ~ (z >> 27)) * 0x94d049bb133111eb
  return z ~ (z >> 31)
end

local function fold(h, part)
  if type(part) == 'string' then
    for i = 1, #part do h = mix(h ~ part:byte(i)) end
    return mix(h ~ #part)
  end
  return mix(h ~ math.tointeger(part) + 0x9e3779b97f4a7c15)
end

--- A 64-bit integer from the parts of a key (integers and strings).
function random.hash(...)
  local h = 0x2545f4914f6cdd1d
  for i = 1, select('#', ...) do h = fold(h, (select(i, ...))) end
  return h
end

--- A number in [0, 1) from the parts of a key.
function random.unit(...)
  return (random.hash(...) >> 11) * 2.0 ^ -53
end

return random
