"""The PyTorch and NumPy side of bench/lua/tensor_ops.lua: the same operations, timed the same way
(wall time of batches lasting about half a second, best of nine), printed as library|name|seconds per op.
Run with bench/.venv/bin/python (made by bench/setup); bench/run runs both sides."""
import time

import numpy as np
import torch

torch.set_num_threads(2)
BATCH_SECONDS, BATCHES = 0.5, 9


def measure(library, name, op):
    iterations = 1
    while True:
        start = time.perf_counter()
        for _ in range(iterations):
            op()
        if time.perf_counter() - start >= BATCH_SECONDS / 4:
            break
        iterations *= 4
    iterations *= 4
    best = float("inf")
    for _ in range(BATCHES):
        start = time.perf_counter()
        for _ in range(iterations):
            op()
        best = min(best, (time.perf_counter() - start) / iterations)
    print(f"{library}|{name}|{best:.9g}", flush=True)


rng = np.random.default_rng(0)
a, b = np.array([1, 2, 3], np.float32), np.array([4, 5, 6], np.float32)
big, row = rng.random((1000, 1000), np.float32), rng.random(1000, np.float32)
ta, tb, tbig, trow = map(torch.from_numpy, (a, b, big, row))

measure("torch", "add 3 elements: a + b", lambda: ta + tb)
measure("torch", "add 3 elements: a:add(b)", lambda: ta.add(tb))
measure("torch", "multiply 3 elements by a number: a * 2", lambda: ta * 2)
measure("torch", "sum 3 elements: a:sum()", lambda: ta.sum())
measure("torch", "add 1000x1000 + 1000 (row broadcast)", lambda: tbig + trow)

measure("numpy", "add 3 elements: a + b", lambda: a + b)
measure("numpy", "add 3 elements: a:add(b)", lambda: np.add(a, b))
measure("numpy", "multiply 3 elements by a number: a * 2", lambda: a * 2)
measure("numpy", "sum 3 elements: a:sum()", lambda: a.sum())
measure("numpy", "add 1000x1000 + 1000 (row broadcast)", lambda: big + row)
