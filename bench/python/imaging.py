"""The PyTorch side of bench/lua/imaging.lua's batch resize: 1,000 grey 100x100 images to 28x28,
NCHW as PyTorch wants them, by area averaging (interpolate mode='area', the same box filter as
image.resize's 'area') and by antialiased bilinear. Timed as the Lua side: CPU seconds of the process
(time.process_time, as Lua's os.clock), best and median of repeated runs; with two threads that counts
both threads' time. Run with bench/.venv/bin/python (made by bench/setup)."""
import time

import torch
import torch.nn.functional as F

from common import measure

torch.set_num_threads(2)


torch.manual_seed(1)
batch = torch.rand(1000, 1, 100, 100)
for threads in (1, 2):
    torch.set_num_threads(threads)
    measure(f"torch resize 1,000 100x100 -> 28x28, area ({threads} thread{'s' if threads > 1 else ''})",
            lambda: F.interpolate(batch, size=(28, 28), mode="area"), clock=time.process_time, max_runs=200)
    measure(f"torch resize 1,000 100x100 -> 28x28, bilinear antialias ({threads})",
            lambda: F.interpolate(batch, size=(28, 28), mode="bilinear", antialias=True, align_corners=False),
            clock=time.process_time, max_runs=200)
