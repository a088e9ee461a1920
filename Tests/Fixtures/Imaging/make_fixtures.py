#!/usr/bin/env python3
"""Writes the PNG fixtures of the Imaging tests with nothing but zlib and struct, so that the
decoder is checked against files that libpng did not make. Each file is tiny (3x2 pixels) and its
stored sample values are listed in expected.json (components in file order, row-major, before any
scaling), next to the colour type and bit depth. Run: python3 make_fixtures.py (in this folder)."""
import json, struct, zlib

WIDTH, HEIGHT = 3, 2

def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

def png(color_type, depth, rows, extra=b""):
    """rows: list of lists of samples (already packed for sub-byte depths as bytes)."""
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, depth, color_type, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 on every row
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + extra
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

def pack(samples, depth):
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    raise ValueError(depth)

# Sample values per channel count, chosen to cover 0, the maximum and values in between.
SAMPLES8 = {
    1: [0, 64, 255, 128, 1, 200],
    2: [0, 255, 64, 128, 255, 255, 128, 64, 1, 200, 200, 255],
    3: [255, 0, 0, 0, 255, 0, 0, 0, 255, 12, 34, 56, 255, 255, 255, 100, 150, 200],
    4: [255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 64, 12, 34, 56, 255, 255, 255, 255, 200, 100, 150, 200, 100],
}
SAMPLES16 = {
    1: [0, 1000, 65535, 32768, 1, 51400],
    2: [0, 65535, 16384, 32768, 65535, 65535, 32768, 16384, 1234, 60000, 51400, 65535],
    3: [65535, 0, 0, 0, 65535, 0, 0, 0, 65535, 3000, 30000, 60000, 65535, 65535, 65535, 25700, 38550, 51400],
    4: [65535, 0, 0, 65535, 0, 65535, 0, 32768, 0, 0, 65535, 16384, 3000, 30000, 60000, 65535,
        65535, 65535, 65535, 50000, 25700, 38550, 51400, 40000],
}
COLOR_TYPE = {1: 0, 2: 4, 3: 2, 4: 6}
NAMES = {1: "grey", 2: "grey_alpha", 3: "rgb", 4: "rgba"}

def rows_of(samples, channels, depth):
    per_row = WIDTH * channels
    return [pack(samples[r * per_row:(r + 1) * per_row], depth) for r in range(HEIGHT)]

expected = {}
def emit(name, data, channels, depth, samples):
    with open(name + ".png", "wb") as f:
        f.write(data)
    expected[name] = {"channels": channels, "depth": depth, "samples": samples}

for channels in (1, 2, 3, 4):
    for depth, table in ((8, SAMPLES8), (16, SAMPLES16)):
        samples = table[channels]
        emit(f"{NAMES[channels]}{depth}", png(COLOR_TYPE[channels], depth, rows_of(samples, channels, depth)),
             channels, depth, samples)

# A 16-bit RGB file that declares sRGB: the reader must still give the stored values.
samples = SAMPLES16[3]
emit("rgb16_srgb", png(2, 16, rows_of(samples, 3, 16), chunk(b"sRGB", b"\x00")), 3, 16, samples)

# Palette images, 8-bit indices, without and with transparency (tRNS), and a 4-bit palette.
palette = [(255, 0, 0), (0, 128, 255), (10, 20, 30), (250, 250, 250)]
plte = chunk(b"PLTE", b"".join(bytes(c) for c in palette))
indices = [0, 1, 2, 3, 2, 1]
rgb = [v for i in indices for v in palette[i]]
emit("palette8", png(3, 8, rows_of(indices, 1, 8), plte), 3, 8, rgb)
alphas = [255, 128, 0, 64]
rgba = [v for i in indices for v in palette[i] + (alphas[i],)]
emit("palette8_alpha", png(3, 8, rows_of(indices, 1, 8), plte + chunk(b"tRNS", bytes(alphas))), 4, 8, rgba)
# 4-bit indices: two per byte, high nibble first; 3 pixels → 2 bytes per row (last nibble padding).
packed_rows = [bytes([indices[r * 3] << 4 | indices[r * 3 + 1], indices[r * 3 + 2] << 4]) for r in range(HEIGHT)]
emit("palette4", png(3, 4, packed_rows, plte), 3, 8, rgb)

with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write("\n")
