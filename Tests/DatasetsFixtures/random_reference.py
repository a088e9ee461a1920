#!/usr/bin/env python3
"""Reference outputs of xoshiro256** seeded through SplitMix64 (the published algorithms, written
out here in Python), quoted by the tests of SeededGenerator.
    python3 Tests/DatasetsFixtures/random_reference.py
"""
MASK = (1 << 64) - 1

def splitmix64(state):
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)

def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK

def xoshiro256starstar(seed):
    mixer = splitmix64(seed)
    s = [next(mixer) for _ in range(4)]
    while True:
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t
        s[3] = rotl(s[3], 45)
        yield result

for seed in (0, 42):
    generator = xoshiro256starstar(seed)
    print(seed, [hex(next(generator)) for _ in range(4)])
mixer = splitmix64(0)
print("splitmix64(0)", [hex(next(mixer)) for _ in range(2)])
