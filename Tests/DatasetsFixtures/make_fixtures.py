#!/usr/bin/env python3
"""Makes the NumPy reference files the Datasets tests read (run once; the outputs are committed).

Each array's values follow a formula the tests recompute on their own, so the tests check the
reader against files written by NumPy itself, and the writer against NumPy's exact bytes.
    python3 Tests/DatasetsFixtures/make_fixtures.py      (NumPy 2.x)
"""
import os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
def out(name):
    return os.path.join(here, name)

# value k (in C order) = k * 0.25 - 1
f4 = (np.arange(6, dtype=np.float32) * 0.25 - 1).reshape(2, 3)
np.save(out("f4_2x3.npy"), f4)
np.save(out("f8_3.npy"), np.array([0.5, -2.0, 1e-300]))
np.save(out("u1_2x2.npy"), np.array([[0, 1], [254, 255]], dtype=np.uint8))
np.save(out("i8_5.npy"), np.arange(5, dtype=np.int64) * 1_000_000_000_000 - 2)
np.save(out("i4_4.npy"), np.array([-2147483648, -1, 0, 2147483647], dtype=np.int32))
np.save(out("f4_big_endian.npy"), np.array([1.5, -3.0], dtype=">f4"))
# value at (i, j, k) = 100 i + 10 j + k, stored column-major
np.save(out("f8_fortran_2x3x4.npy"),
        np.asfortranarray(np.fromfunction(lambda i, j, k: 100 * i + 10 * j + k, (2, 3, 4))))
for major in (2, 3):
    with open(out(f"f4_version{major}.npy"), "wb") as f:
        np.lib.format.write_array(f, f4, version=(major, 0))
np.save(out("f4_empty_0x4.npy"), np.zeros((0, 4), dtype=np.float32))
np.save(out("f8_scalar.npy"), np.float64(2.5))

# The same arrays in archives: stored entries, and deflated entries.
np.savez(out("stored.npz"), weights=f4, labels=np.array([3, 1, 2], dtype=np.int64))
np.savez_compressed(out("deflated.npz"), weights=f4, labels=np.array([3, 1, 2], dtype=np.int64),
                    big=np.arange(10000, dtype=np.float32))
# Keras' text archives (reuters.npz): 'x' an object array of word-id lists, pickled, 'y' the labels.
# One as today's NumPy writes it (pickle protocol 4 after savez_compressed), one with pickle protocol
# 2 as the older Keras files were written (GLOBAL and BINPUT opcodes).
stories = np.empty(4, dtype=object)
stories[0], stories[1], stories[2], stories[3] = [1, 14, 300], [70000, 2, 2, 9], [], [255, 256, 65535, 65536]
topics = np.array([3, 4, 0, 45], dtype=np.int64)
np.savez_compressed(out("keras_text.npz"), x=stories, y=topics)
import io, pickle, zipfile
with zipfile.ZipFile(out("keras_text_protocol2.npz"), "w") as archive:
    for name, array in (("x", stories), ("y", topics)):
        buffer = io.BytesIO()
        if array.dtype == object:   # NumPy itself now always pickles with protocol 4
            np.lib.format.write_array_header_1_0(buffer, np.lib.format.header_data_from_array_1_0(array))
            pickle.dump(array, buffer, protocol=2)
        else:
            np.lib.format.write_array(buffer, array)
        archive.writestr(name + ".npy", buffer.getvalue())
print("fixtures written to", here)
