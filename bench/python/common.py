"""Timing shared by the PyTorch/NumPy sides of the benchmarks: run once to warm up, then repeat until
a time budget is spent (at least 3 runs) and print the best and the median, as bench/swift's harness
does."""
import time


def duration(seconds):
    return f"{seconds * 1e6:.2f} µs" if seconds < 1e-3 else f"{seconds * 1e3:.2f} ms" if seconds < 1 else f"{seconds:.3f} s"


def measure(name, fn, unit=None, budget=2.0, clock=time.perf_counter, max_runs=1000, cpu=False):
    """`unit` = (name, count per run) adds a throughput; `clock=time.process_time` measures CPU time
    (all threads) instead of wall time; `cpu=True` reports the process's CPU time beside wall time."""
    fn()
    times, cpu_times = [], []
    deadline = clock() + budget
    while len(times) < 3 or (clock() < deadline and len(times) < max_runs):
        cpu_start, start = time.process_time(), clock()
        fn()
        times.append(clock() - start)
        cpu_times.append(time.process_time() - cpu_start)
    times.sort()
    cpu_times.sort()
    best, median = times[0], times[len(times) // 2]
    line = f"{name}: best {duration(best)}, median {duration(median)} over {len(times)} runs"
    if unit:
        line += f", {unit[1] / best:.4g} {unit[0]}/s"
    if cpu:
        line += f"; CPU best {duration(cpu_times[0])}, median {duration(cpu_times[len(cpu_times) // 2])}"
        if unit:
            line += f", {unit[1] / cpu_times[0]:.4g} {unit[0]} per CPU second"
    print(line, flush=True)
    return best, median


def throughput(run, count, budget):
    """bench/compare's timing rule, the same in bench/lua/workloads.lua: `run(epochs)` does that many
    epochs of `count` samples. One warm-up epoch, one to estimate the speed, then one timed run of as many
    epochs as fill `budget` seconds; prints samples_per_s=... seconds=... samples=..."""
    def timed(epochs):
        start = time.perf_counter()
        run(epochs)
        return time.perf_counter() - start
    timed(1)
    epochs = max(1, -int(-budget // timed(1)))
    seconds = timed(epochs)
    print(f"samples_per_s={epochs * count / seconds:.2f} seconds={seconds:.4f} samples={epochs * count}", flush=True)


def sgemm(matmul, n=2048):
    """Best of five timings of four n x n float32 products by `matmul()`; prints gflops=..."""
    matmul()
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(4):
            matmul()
        best = min(best, (time.perf_counter() - start) / 4)
    print(f"gflops={2 * n ** 3 / best / 1e9:.2f}", flush=True)
