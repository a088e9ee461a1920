-- ml.random: a seeded stream of random numbers of its own, so that a model built with a seed gives
-- the same result whatever else the script draws from math.random or tensor.manual_seed.
-- The generator is SplitMix64 (Steele, Lea and Flood, 2014), on Lua's 64-bit integers.
local random = {}
random.__index = random

--- A generator started from the integer `seed`; without one, the seed is drawn from math.random, so
--- that math.randomseed makes unseeded runs repeatable too.
function random.new(seed)
  return setmetatable({state = seed or math.random(0, math.maxinteger)}, random)
end

--- The next 64 random bits as an integer.
function random:bits()
  self.state = self.state + 0x9E3779B97F4A7C15
  local z = self.state
  z = (z ~ (z >> 30)) * 0xBF58476D1CE4E5B9
  z = (z ~ (z >> 27)) * 0x94D049BB133111EB
  return z ~ (z >> 31)
end

--- A number uniform in [0, 1), from the top 53 bits.
function random:uniform()
  return (self:bits() >> 11) * 2.0^-53
end

--- An integer uniform in 1..n.
function random:integer(n)
  return math.floor(self:uniform() * n) + 1
end

return random
