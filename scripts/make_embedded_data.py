#!/usr/bin/env python3
"""Cuts the small embedded default data sets in data/ from the full shared data (see data/README.md).

    python3 scripts/make_embedded_data.py [FULL_DATA_FOLDER]     (default: ../shared/data)

Needs Python 3 and Pillow (only for downscaling the photographs). Gzip output is written with a
zero timestamp so that running the script again gives the same bytes. Prints each subset's label
counts, which data/README.md and the tests quote.
"""
import collections
import gzip
import os
import shutil
import struct
import sys

from PIL import Image

SOURCE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
TARGET = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")

# How many items of each IDX set to keep (the first ones, in file order).
IDX_SUBSETS = {"mnist": (10_000, 2_000), "fashion-mnist": (10_000, 2_000)}
# Photographs with varied colour; those larger than MAX_SIDE are scaled down (Lanczos).
PHOTOS = ["astronaut", "chelsea", "coffee", "fruits", "smarties", "flower", "baboon", "happyfish"]
MAX_SIDE = 256


def write_gzip(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as f:
        f.write(data)


def cut_idx(source, target, count):
    """Keeps the first `count` items: the first dimension in the header is rewritten, the rest kept."""
    data = gzip.open(source).read()
    rank = data[3]
    dims = list(struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank]))
    item_size = 1
    for d in dims[1:]:
        item_size *= d
    assert data[2] == 0x08, "unsigned byte IDX expected"
    dims[0] = count
    header = data[:4] + struct.pack(">" + "I" * rank, *dims)
    payload = data[4 + 4 * rank: 4 + 4 * rank + count * item_size]
    write_gzip(target, header + payload)
    return payload if rank == 1 else None


def main():
    if os.path.isdir(TARGET):
        for name in os.listdir(TARGET):
            if name != "README.md":
                shutil.rmtree(os.path.join(TARGET, name)) if os.path.isdir(os.path.join(TARGET, name)) else os.remove(os.path.join(TARGET, name))
    for name, (train, test) in IDX_SUBSETS.items():
        for prefix, count in (("train", train), ("t10k", test)):
            cut_idx(os.path.join(SOURCE, name, f"{prefix}-images-idx3-ubyte.gz"),
                    os.path.join(TARGET, name, f"{prefix}-images-idx3-ubyte.gz"), count)
            labels = cut_idx(os.path.join(SOURCE, name, f"{prefix}-labels-idx1-ubyte.gz"),
                             os.path.join(TARGET, name, f"{prefix}-labels-idx1-ubyte.gz"), count)
            histogram = collections.Counter(labels)
            print(f"{name} {prefix} {count}: label counts", [histogram[k] for k in range(10)])

    # Copied whole, in their original (gzipped) form.
    for folder in ("ecg5000", "ecg-mitbih", "faces", "reuters"):
        shutil.copytree(os.path.join(SOURCE, folder), os.path.join(TARGET, folder))
    for root, dirs, files in os.walk(TARGET):
        os.chmod(root, 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)

    os.makedirs(os.path.join(TARGET, "images"))
    for name in PHOTOS:
        image = Image.open(os.path.join(SOURCE, "images", name + ".png")).convert("RGB")
        scale = MAX_SIDE / max(image.size)
        if scale < 1:
            image = image.resize((round(image.size[0] * scale), round(image.size[1] * scale)), Image.LANCZOS)
        image.save(os.path.join(TARGET, "images", name + ".png"), optimize=True)
        print(f"images/{name}.png {image.size[0]}x{image.size[1]}")


if __name__ == "__main__":
    main()
