"""The PyTorch side of bench/swift/ModelBenchmarks.swift: the same training epochs (shuffled batches,
forward, cross-entropy, backward, Adam, running loss and accuracy as Keras' fit keeps them) and optimizer
steps, timed the same way. Run with bench/.venv/bin/python (made by bench/setup)."""
import time

import torch
from torch import nn

torch.set_num_threads(2)
torch.manual_seed(1)


def measure(name, fn, unit=None, budget=2.0):
    fn()
    times = []
    deadline = time.perf_counter() + budget
    while len(times) < 3 or (time.perf_counter() < deadline and len(times) < 1000):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    times.sort()
    best, median = times[0], times[len(times) // 2]

    def fmt(s):
        return f"{s * 1e6:.2f} µs" if s < 1e-3 else f"{s * 1e3:.2f} ms" if s < 1 else f"{s:.3f} s"

    line = f"{name}: best {fmt(best)}, median {fmt(median)} over {len(times)} runs"
    if unit:
        line += f", {unit[1] / best:.4g} {unit[0]}/s"
    print(line)


def mlp(inputs, hidden, classes, samples):
    model = nn.Sequential(nn.Linear(inputs, hidden), nn.ReLU(), nn.Linear(hidden, classes))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
    x = torch.randn(samples, inputs)
    y = torch.randint(0, classes, (samples,))
    return model, optimizer, x, y


def epoch(setup, batch_size):
    model, optimizer, x, y = setup
    loss_fn = nn.CrossEntropyLoss()

    def run():
        order = torch.randperm(len(x))
        total, correct, seen = 0.0, 0, 0
        for start in range(0, len(x), batch_size):
            index = order[start:start + batch_size]
            xb, yb = x[index], y[index]
            optimizer.zero_grad()
            logits = model(xb)
            loss = loss_fn(logits, yb)
            loss.backward()
            optimizer.step()
            with torch.no_grad():
                total += loss.item() * len(yb)
                correct += (logits.argmax(1) == yb).sum().item()
                seen += len(yb)
    return run


small = mlp(10, 32, 3, 3200)
mnist = mlp(784, 128, 10, 6400)
measure("fit epoch MLP 10-32-3, 3200 samples, batch 32", epoch(small, 32), ("samples", 3200))
measure("fit epoch MLP 784-128-10, 6400 samples, batch 32", epoch(mnist, 32), ("samples", 6400))
measure("fit epoch MLP 784-128-10, 6400 samples, batch 128", epoch(mnist, 128), ("samples", 6400))


def predict():
    with torch.no_grad():
        for start in range(0, 6400, 32):
            torch.softmax(mnist[0](mnist[2][start:start + 32]), 1)


measure("predict MLP 784-128-10, 6400 samples, batch 32", predict, ("samples", 6400))
p = torch.randn(1000, 1000, requires_grad=True)
p.grad = torch.randn(1000, 1000)
adam = torch.optim.Adam([p], lr=0.001, eps=1e-7)
sgd = torch.optim.SGD([p], lr=0.01, momentum=0.9)
measure("Adam step, 1M parameters", adam.step, ("parameters", 1e6))
measure("SGD momentum step, 1M parameters", sgd.step, ("parameters", 1e6))
