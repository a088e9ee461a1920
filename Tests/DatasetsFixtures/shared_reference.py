#!/usr/bin/env python3
"""Checksums of the full shared data sets computed with NumPy, quoted by the Datasets tests that
read those sets (BuiltinDatasetsTests.swift).
    python3 Tests/DatasetsFixtures/shared_reference.py [DATA_FOLDER]      (default ../shared/data)
"""
import gzip
import zlib
import os
import sys

import numpy as np

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data")
def path(name):
    return os.path.join(root, name)

train = np.loadtxt(gzip.open(path("ecg5000/ECG5000_TRAIN.tsv.gz")), delimiter="\t", dtype=np.float32)
test = np.loadtxt(gzip.open(path("ecg5000/ECG5000_TEST.tsv.gz")), delimiter="\t", dtype=np.float32)
print("ECG5000 sum of |value|: train %.6f test %.6f; last test value %r"
      % (np.abs(train[:, 1:]).astype(np.float64).sum(), np.abs(test[:, 1:]).astype(np.float64).sum(), float(test[-1, -1])))
for name in ("mnist", "fashion-mnist"):
    pixels = np.frombuffer(gzip.open(path(name + "/train-images-idx3-ubyte.gz")).read()[16:], np.uint8)
    print(name, "train pixel sum", int(pixels.astype(np.int64).sum()), "CRC-32 %08X" % zlib.crc32(pixels.tobytes()))
record = np.loadtxt(gzip.open(path("ecg-mitbih/record208.csv.gz")), skiprows=1, dtype=np.float32)
print("record 208 sum %.4f" % record.astype(np.float64).sum())
