"""The NumPy and PyTorch side of bench/swift/TensorBenchmarks.swift: the same work, timed the same way
(best and median of repeated runs). Run with bench/.venv/bin/python (made by bench/setup)."""
import numpy as np
import torch

from common import measure

torch.set_num_threads(2)


repeats = 10_000
rng = np.random.default_rng(0)
a3, b3 = np.array([1, 2, 3], np.float32), np.array([4, 5, 6], np.float32)
ta3, tb3 = torch.tensor([1.0, 2, 3]), torch.tensor([4.0, 5, 6])
tg3 = torch.tensor([1.0, 2, 3], requires_grad=True)
big, big2 = rng.random((1000, 1000), np.float32), rng.random((1000, 1000), np.float32)
row, column = rng.random(1000, np.float32), rng.random((1000, 1), np.float32)
tbig, tbig2, trow, tcolumn = map(torch.from_numpy, (big, big2, row, column))
tlogits = torch.randn(64, 1000)
m512 = [torch.randn(512, 512) for _ in range(2)]
m1024 = [torch.randn(1024, 1024) for _ in range(2)]


def loop(op):
    def run():
        for _ in range(repeats):
            op()
    return run


def training_step(batch, inputs, hidden, classes):
    """One SGD step of a two-layer perceptron, as in TensorBenchmarks.swift."""
    x, labels = torch.randn(batch, inputs), torch.randint(0, classes, (batch, 1))
    params = [(torch.randn(inputs, hidden) * 0.05).requires_grad_(), torch.zeros(hidden, requires_grad=True),
              (torch.randn(hidden, classes) * 0.05).requires_grad_(), torch.zeros(classes, requires_grad=True)]

    def step():
        h = torch.addmm(params[1], x, params[0]).relu()
        logits = torch.addmm(params[3], h, params[2])
        loss = -logits.log_softmax(1).gather(1, labels).mean()
        loss.backward()
        with torch.no_grad():
            for p in params:
                p.add_(p.grad, alpha=-0.01)
                p.grad = None
    return step


print("== numpy", np.__version__)
measure(f"add 3 elements (x{repeats})", loop(lambda: a3 + b3), ("ops", repeats))
measure(f"mul scalar 3 elements (x{repeats})", loop(lambda: a3 * 2.0), ("ops", repeats))
measure("add 1000x1000 + 1000x1000", lambda: big + big2, ("elements", 1e6))
measure("add 1000x1000 + 1000 (row broadcast)", lambda: big + row, ("elements", 1e6))
measure("add 1000x1000 + 1000x1 (column broadcast)", lambda: big + column, ("elements", 1e6))
measure("add transposed 1000x1000 + 1000x1000", lambda: big.T + big2, ("elements", 1e6))
measure("exp 1000x1000", lambda: np.exp(big), ("elements", 1e6))
measure("tanh 1000x1000", lambda: np.tanh(big), ("elements", 1e6))
measure("sum 1000x1000", lambda: big.sum(), ("elements", 1e6))
measure("sum 1000x1000 over dim 0", lambda: big.sum(0), ("elements", 1e6))

print("== torch", torch.__version__, "threads", torch.get_num_threads())
measure("MLP training step 16x10-32-3", training_step(16, 10, 32, 3), ("steps", 1))
measure("MLP training step 64x784-128-10", training_step(64, 784, 128, 10), ("steps", 1))
measure(f"add 3 elements (x{repeats})", loop(lambda: ta3 + tb3), ("ops", repeats))
measure(f"add 3 elements, recorded for autograd (x{repeats})", loop(lambda: tg3 + tb3), ("ops", repeats))
measure(f"mul scalar 3 elements (x{repeats})", loop(lambda: ta3 * 2.0), ("ops", repeats))
measure(f"relu 3 elements (x{repeats})", loop(lambda: ta3.relu()), ("ops", repeats))
measure("add 1000x1000 + 1000x1000", lambda: tbig + tbig2, ("elements", 1e6))
measure("add 1000x1000 + 1000 (row broadcast)", lambda: tbig + trow, ("elements", 1e6))
measure("add 1000x1000 + 1000x1 (column broadcast)", lambda: tbig + tcolumn, ("elements", 1e6))
measure("add transposed 1000x1000 + 1000x1000", lambda: tbig.T + tbig2, ("elements", 1e6))
measure("exp 1000x1000", lambda: tbig.exp(), ("elements", 1e6))
measure("tanh 1000x1000", lambda: tbig.tanh(), ("elements", 1e6))
measure("sum 1000x1000", lambda: tbig.sum(), ("elements", 1e6))
measure("sum 1000x1000 over dim 0", lambda: tbig.sum(0), ("elements", 1e6))
measure("softmax 64x1000 over dim 1", lambda: tlogits.softmax(1), ("elements", 64e3))
measure("matmul 512x512", lambda: m512[0] @ m512[1], ("FLOP", 2 * 512**3))
measure("matmul 1024x1024", lambda: m1024[0] @ m1024[1], ("FLOP", 2 * 1024**3))
