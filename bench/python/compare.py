"""bench/compare's driver: Lunette, PyTorch and Keras on the same training workloads, wall clock, 2 threads
each, every run a separate process, interleaved (Lunette, PyTorch, Keras, Lunette, ...). Prints a
Markdown report on standard output and its progress on standard error. See bench/compare --help."""
import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
FRAMEWORKS = ["Lunette", "PyTorch", "Keras"]

# Layer shapes of the convolutional workloads, for FLOPs per sample: (input H, W, C) then
# ('conv', filters, kernel) with 'same' padding, ('pool',), ('up',), ('dense', units).
MNIST_CNN = ((28, 28, 1), [("conv", 32, 3), ("pool",), ("conv", 64, 3), ("pool",), ("conv", 64, 3), ("pool",),
                           ("dense", 128), ("dense", 10)])
COLORIZE_AE = ((100, 100, 1), [("conv", 256, 5), ("pool",), ("conv", 128, 3), ("pool",), ("conv", 64, 3), ("up",),
                               ("conv", 128, 3), ("up",), ("conv", 3, 3)])

# name: (description, kind, shapes, training?). 'micro' rows run bench/lua/workloads.lua and
# bench/python/workloads_*.py; 'experiment' rows time the Train cell of scripts/NAME.lua against its twins.
WORKLOADS = {
    "mnist_cnn": ("MNIST CNN (3x Conv2D+MaxPool, Dense 128, Dense 10), Adam, batch 64", "micro", MNIST_CNN, True),
    "mnist_cnn_infer": ("MNIST CNN inference (predict), batch 256", "micro", MNIST_CNN, False),
    "lstm": ("LSTM(50) on 140 steps + Dense(1, sigmoid), BCE, Adam, batch 32", "micro", None, True),
    "mlp": ("MLP 1000-64-64-46, categorical CE, Adam, batch 512", "micro", None, True),
    "colorize_ae": ("colorization AE 100x100 (the homework's: Conv 256@5x5 ... UpSampling), MSE, batch 10",
                    "micro", COLORIZE_AE, True),
    "word2vec": ("Embedding(2000, 64) + Dense(2000, softmax), sparse CE, Adam, batch 256", "micro", None, True),
    "ecg_lstm": ("the experiment's Train cell: LSTM(50), 10 epochs", "experiment", None, True),
    "mnist_gradcam": ("the quick experiment's Train cell: the CNN, 8 epochs", "experiment", None, True),
    "word2vec_reuters": ("the quick experiment's negative-sampling cell, 5 epochs", "experiment", None, True),
    "colorize": ("the quick experiment's Train cell: the RGB network, 5 epochs", "experiment", None, True),
}
# scripts/NAME.lua's training cell, and the twins' key in experiments.py / experiments_keras.py.
EXPERIMENTS = {"ecg_lstm": ("Train", "ecg"), "mnist_gradcam": ("Train", "mnist"),
               "word2vec_reuters": ("Skip-gram with negative sampling", "word2vec"), "colorize": ("Train", "colorize")}


def forward_flops(shapes):
    """2 x multiply-adds of one sample's forward pass through the convolutions and dense layers."""
    (h, w, c), layers = shapes
    macs, flat = 0, None
    for layer in layers:
        if layer[0] == "conv":
            macs += h * w * layer[1] * layer[2] ** 2 * c
            c = layer[1]
        elif layer[0] == "pool":
            h, w = h // 2, w // 2
        elif layer[0] == "up":
            h, w = h * 2, w * 2
        elif layer[0] == "dense":
            flat = flat or h * w * c
            macs += flat * layer[1]
            flat = layer[1]
    return 2 * macs


class Run:
    """One process: its result line's values, wall time, peak memory, CPU time, and the CPU time the rest
    of the machine used meanwhile."""

    def __init__(self, framework, command, cwd=ROOT):
        self.framework, self.command = framework, command
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
            before, started = cpu_times(), time.monotonic()
            process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=run_environment())
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            self.wall = time.monotonic() - started
            after = cpu_times()
            out.seek(0)
            err.seek(0)
            self.output, self.errors = out.read(), err.read()
        self.ok = process.returncode == 0
        self.peak_mb = usage.ru_maxrss / 1024
        own = usage.ru_utime + usage.ru_stime
        busy, total = after[0] - before[0], after[1] - before[1]
        self.others = max(0.0, busy - own) / total if total > 0 else 0.0
        self.values = {}
        for line in self.output.splitlines():  # result lines hold only key=value pairs
            if re.fullmatch(r"\w+=\S+( \w+=\S+)*", line.strip()):
                for key, value in re.findall(r"(\w+)=(\S+)", line):
                    self.values[key] = float(value) if re.fullmatch(r"[-+0-9.eE]+", value) else value


def cpu_times():
    """Busy and total CPU seconds of the whole machine, from /proc/stat."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / tick, sum(fields[:8]) / tick


def run_environment():
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", KERAS_BACKEND="tensorflow")
    env.pop("OMP_NUM_THREADS", None)  # each framework is told its thread count itself
    return env


def report_seconds(report, title):
    """The run time of the cell titled `title` in a report.md and the epochs its output counted."""
    text = Path(report).read_text()
    cell = re.search(r"^## \[\d+\] " + re.escape(title) + r"\n(.*?)(?=^## \[|\Z)", text, re.M | re.S)
    if not cell:
        raise ValueError(f"no cell '{title}' in {report}")
    time_text = re.search(r"^\*lines [^*]*· ([^*]+)\*", cell.group(1), re.M).group(1)
    units = {"ms": 1e-3, "s": 1, "min": 60, "h": 3600}
    seconds = sum(float(number) * units[unit] for number, unit in re.findall(r"([\d.]+) (ms|s|min|h)\b", time_text))
    epochs = [int(k) for k in re.findall(r"^[Ee]poch (\d+)/\d+", cell.group(1), re.M)]
    return seconds, max(epochs) if epochs else 0


def lunette_binary():
    path = Path(os.environ.get("LUNETTE") or ROOT / ".build/release/lunette")
    if not os.access(path, os.X_OK):
        sys.exit(f"bench/compare: no Lunette binary at {path}; build it (swift build -c release) or set LUNETTE")
    return str(path)


def commands(name, budget, lunette, scratch):
    """The command of each framework for one run of workload `name` (or of the sgemm measurement)."""
    if name == "sgemm" or WORKLOADS[name][1] == "micro":
        return {"Lunette": [lunette, "run", "bench/lua/workloads.lua", name, str(budget)],
                "PyTorch": [PYTHON, "bench/python/workloads_torch.py", name, str(budget)],
                "Keras": [PYTHON, "bench/python/workloads_keras.py", name, str(budget)]}
    key = EXPERIMENTS[name][1]
    return {"Lunette": [lunette, "run", f"scripts/{name}.lua", str(scratch / name)],
            "PyTorch": [PYTHON, "bench/python/experiments.py", key],
            "Keras": [PYTHON, "bench/python/experiments_keras.py", key]}


def samples_per_second(runs):
    """Fills run.rate. Lunette's experiment runs give time and epochs; their samples per epoch are the
    twins' (the same data by construction)."""
    per_epoch = [r.values["samples"] / r.values["epochs"] for r in runs if r.ok and r.values.get("epochs")]
    for r in runs:
        r.rate = None
        if not r.ok:
            continue
        if "samples_per_s" in r.values:
            r.rate = r.values["samples_per_s"]
        elif "train_seconds" in r.values and "samples" in r.values:
            r.rate = r.values["samples"] / r.values["train_seconds"]
        elif "cell_seconds" in r.values and per_epoch:
            r.rate = r.values["cell_epochs"] * statistics.median(per_epoch) / r.values["cell_seconds"]


def spread(values, digits):
    if not values:
        return "failed"
    fmt = (lambda v: f"{v:,.{digits}f}")
    if len(values) == 1:
        return fmt(values[0])
    return f"{fmt(min(values))} / **{fmt(statistics.median(values))}** / {fmt(max(values))}"


def rate_digits(values):
    return 1 if values and statistics.median(values) < 100 else 0


def cpu_description():
    info = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.*)$", info, re.M)
    family = re.search(r"^cpu family\s*:\s*(\d+)", info, re.M)
    number = re.search(r"^model\s*:\s*(\d+)", info, re.M)
    flags = set(re.search(r"^flags\s*:\s*(.*)$", info, re.M).group(1).split())
    wanted = ["sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512_vnni",
              "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile", "amx_bf16"]
    name = model.group(1).strip() if model else platform.processor()
    if family and number:
        name += f" (family {family.group(1)}, model {number.group(1)})"
    return name, " ".join(f for f in wanted if f in flags)


def main():
    parser = argparse.ArgumentParser(prog="bench/compare", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=(
        "workloads: " + ", ".join(WORKLOADS) + ". --quick leaves out the experiment rows (each trains for "
        "10-45 s) unless --only names them. LUNETTE names the binary (default .build/release/lunette)."))
    parser.add_argument("--rounds", type=int, default=3, help="runs of each framework per workload (default 3)")
    parser.add_argument("--only", help="comma-separated workload names")
    parser.add_argument("--budget", type=float, default=3.0, help="seconds of timed work per run (default 3)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1 round, 0.5 s budgets")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else [n for n in WORKLOADS if not (args.quick and WORKLOADS[n][1] == "experiment")]
    for name in names:
        if name not in WORKLOADS:
            parser.error(f"unknown workload '{name}'; known: {', '.join(WORKLOADS)}")
    rounds, budget = (1, 0.5) if args.quick else (args.rounds, args.budget)
    lunette = lunette_binary()
    load = os.getloadavg()[0]
    if any(WORKLOADS[n][1] == "experiment" and n.startswith("word2vec") for n in names) \
            and not (ROOT / "bench/.word2vec/centers.npy").exists():
        print("writing the word2vec pairs (bench/lua/word2vec_pairs.lua)", file=sys.stderr)
        subprocess.run([lunette, "run", "bench/lua/word2vec_pairs.lua"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

    scratch = Path(tempfile.mkdtemp(prefix="bench-compare-"))
    results, all_runs = {}, []
    try:
        for name in ["sgemm"] + names:
            runs = []
            for round_ in range(rounds):
                for framework, command in commands(name, budget, lunette, scratch).items():
                    run = Run(framework, command)
                    run.round = round_
                    if run.ok and name in EXPERIMENTS and framework == "Lunette":
                        try:
                            seconds, epochs = report_seconds(scratch / name / "report.md", EXPERIMENTS[name][0])
                            run.values.update(cell_seconds=seconds, cell_epochs=epochs)
                        except (OSError, ValueError, AttributeError) as error:
                            run.ok, run.errors = False, f"reading the report: {error}"
                    last = (run.output.strip().splitlines() or [""])[-1]
                    print(f"{name} round {round_ + 1}/{rounds} {framework}: {'ok' if run.ok else 'FAILED'} "
                          f"in {run.wall:.1f} s, {last}", file=sys.stderr, flush=True)
                    runs.append(run)
            if name != "sgemm":
                samples_per_second(runs)
            results[name] = runs
            all_runs += runs
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print_report(results, names, rounds, budget, load, lunette, all_runs)


def print_report(results, names, rounds, budget, load, lunette, all_runs):
    cpu, flags = cpu_description()
    version = subprocess.run([lunette, "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    peers = {r.framework: r.values.get("version", "") for r in results["sgemm"]}
    print(f"## bench/compare, {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}\n")
    print(f"- CPU: {cpu}; {os.cpu_count()} cores; vector extensions: {flags}")
    print(f"- Lunette: {version} ({lunette}; scripts at {commit}); {peers.get('PyTorch', '')}; {peers.get('Keras', '')}")
    print(f"- {rounds} round(s), each framework on 2 threads, interleaved; {budget:g} s of timed work per micro "
          "run after a warm-up epoch; samples/s on the wall clock, min / **median** / max")
    gflops = {r.framework: [x.values["gflops"] for x in results["sgemm"] if x.framework == r.framework and x.ok]
              for r in results["sgemm"]}
    ceiling = max((statistics.median(v) for v in gflops.values() if v), default=None)
    print("- sgemm 2048x2048 GFLOP/s (median): " + ", ".join(
        f"{f} {statistics.median(v):.0f}" for f, v in gflops.items() if v) +
        (f"; the ceiling below is the best of these, {ceiling:.0f}" if ceiling else ""))
    worst = max((r.others for r in all_runs), default=0)
    if load > 0.6 or worst > 0.10:
        print(f"- **WARNING: the machine was busy**: 1-minute load {load:.2f} at the start (over 0.6 is busy); other "
              f"processes used up to {100 * worst:.0f}% of the CPUs during a run (over 10% is busy). "
              "Run it alone: ../shared/tools/quiet bench/compare")
    else:
        print(f"- the machine was quiet: load {load:.2f} at the start, other processes at most {100 * worst:.0f}% of the CPUs")

    print("\n| workload | Lunette | PyTorch | Keras | Lunette / faster peer |")
    print("|---|---|---|---|---|")
    for name in names:
        runs = results[name]
        rates = {f: [r.rate for r in runs if r.framework == f and r.rate] for f in FRAMEWORKS}
        digits = rate_digits(rates["PyTorch"] or rates["Lunette"])
        ratio = "n/a"
        if all(rates.values()):
            median = statistics.median(rates["Lunette"]) / max(statistics.median(rates["PyTorch"]), statistics.median(rates["Keras"]))
            by_round = []
            for round_ in sorted({r.round for r in runs}):
                rate = {r.framework: r.rate for r in runs if r.round == round_}
                if all(rate.get(f) for f in FRAMEWORKS):
                    by_round.append(rate["Lunette"] / max(rate["PyTorch"], rate["Keras"]))
            ratio = f"**{median:.2f}**" + (f" ({min(by_round):.2f}..{max(by_round):.2f})" if len(by_round) > 1 else "")
        print(f"| {name}: {WORKLOADS[name][0]} | " + " | ".join(spread(rates[f], digits) for f in FRAMEWORKS) + f" | {ratio} |")
    if any(WORKLOADS[n][1] == "experiment" for n in names):
        print("\nExperiment rows: samples trained (epochs x training rows) per second of the training cell, its "
              "validation passes included; Lunette's time is the cell's in the script's report, the twins' "
              "that of their fit.")

    conv = [n for n in names if WORKLOADS[n][2]]
    if conv and ceiling:
        print(f"\nConvolutional rows: GFLOP/s reached (median) and its fraction of the sgemm ceiling ({ceiling:.0f} GFLOP/s); "
              "FLOPs from the layer shapes, 2 per multiply-add, training counted as 3x the forward pass.\n")
        print("| workload | MFLOP/sample | Lunette | PyTorch | Keras |")
        print("|---|---|---|---|---|")
        for name in conv:
            flops = forward_flops(WORKLOADS[name][2]) * (3 if WORKLOADS[name][3] else 1)
            cells = []
            for f in FRAMEWORKS:
                rates = [r.rate for r in results[name] if r.framework == f and r.rate]
                if rates:
                    reached = statistics.median(rates) * flops / 1e9
                    cells.append(f"{reached:.0f} ({100 * reached / ceiling:.0f}%)")
                else:
                    cells.append("failed")
            print(f"| {name} | {flops / 1e6:,.1f} | " + " | ".join(cells) + " |")

    print("\nPeak memory (maximum resident size of the process, median MB; for the experiment rows Lunette's is "
          "that of the whole script, pictures included):\n")
    print("| workload | Lunette | PyTorch | Keras |")
    print("|---|---|---|---|")
    for name in names:
        cells = [f"{statistics.median(m):,.0f}" if (m := [r.peak_mb for r in results[name] if r.framework == f and r.ok]) else "failed"
                 for f in FRAMEWORKS]
        print(f"| {name} | " + " | ".join(cells) + " |")

    failures = [(n, r) for n in ["sgemm"] + names for r in results[n] if not r.ok]
    for name, run in failures:
        print(f"\n{name} {run.framework} round {run.round + 1} failed: {' '.join(run.command)}\n```\n"
              f"{run.errors.strip()[-1500:]}\n```")


if __name__ == "__main__":
    main()
