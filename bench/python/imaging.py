"""The PyTorch side of bench/lua/imaging.lua's batch resize: 1,000 grey 100x100 images to 28x28,
NCHW as PyTorch wants them, by area averaging (interpolate mode='area', the same box filter as
image.resize's 'area') and by antialiased bilinear. Timed as the Lua side: CPU seconds of the process
(time.process_time, as Lua's os.clock), best and median of repeated runs; with two threads that counts
both threads' time. Run with bench/.venv/bin/python (made by bench/setup)."""
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(2)


def measure(name, fn, budget=2.0):
    fn()
    times = []
    deadline = time.process_time() + budget
    while len(times) < 3 or (time.process_time() < deadline and len(times) < 200):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    times.sort()
    print(f"{name:<58} best {times[0] * 1e3:8.2f} ms  median {times[len(times) // 2] * 1e3:8.2f} ms  ({len(times)} runs)")


torch.manual_seed(1)
batch = torch.rand(1000, 1, 100, 100)
for threads in (1, 2):
    torch.set_num_threads(threads)
    measure(f"torch resize 1,000 100x100 -> 28x28, area ({threads} thread{'s' if threads > 1 else ''})",
            lambda: F.interpolate(batch, size=(28, 28), mode="area"))
    measure(f"torch resize 1,000 100x100 -> 28x28, bilinear antialias ({threads})",
            lambda: F.interpolate(batch, size=(28, 28), mode="bilinear", antialias=True, align_corners=False))
