"""The PyTorch side of bench/swift/ModelBenchmarks.swift: the same training epochs (shuffled batches,
forward, loss, backward, Adam, running loss and accuracy as Keras' fit keeps them) and optimizer
steps, timed the same way (wall and process CPU time). Run with bench/.venv/bin/python (made by bench/setup).

    models.py [--threads N] [--filter TEXT]   the benchmarks (2 threads by default)
    models.py --peak KEY [--epochs N]         peak memory (VmHWM) of training workload KEY for N epochs
"""
import argparse

import torch
from torch import nn

import common

parser = argparse.ArgumentParser()
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--filter", default="")
parser.add_argument("--peak")
parser.add_argument("--epochs", type=int, default=2)
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(1)


def measure(name, fn, unit=None, budget=2.0):
    if args.filter in name:
        common.measure(name, fn, unit, budget, cpu=True)


def fit_epoch(model, loss_fn, x, y, batch_size, accuracy):
    """One Keras-style epoch: shuffled batches, Adam (Keras' epsilon), running loss and accuracy."""
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)

    def run():
        order = torch.randperm(len(x))
        total, correct, seen = 0.0, 0, 0
        for start in range(0, len(x), batch_size):
            index = order[start:start + batch_size]
            xb, yb = x[index], y[index]
            optimizer.zero_grad()
            out = model(xb)
            loss = loss_fn(out, yb)
            loss.backward()
            optimizer.step()
            with torch.no_grad():
                total += loss.item() * len(yb)
                if accuracy:
                    correct += accuracy(out, yb)
                seen += len(yb)
    return run


class LastStep(nn.Module):
    """LSTM(50) over the sequence, then Dense(1) on the last hidden state (Keras' LSTM without return_sequences)."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(1, 50, batch_first=True)
        self.dense = nn.Linear(50, 1)

    def forward(self, x):
        return self.dense(self.lstm(x)[0][:, -1])


def class_accuracy(logits, labels):
    return (logits.argmax(1) == labels).sum().item()


def binary_accuracy(logits, labels):
    return ((logits > 0).float() == labels).sum().item()


# The models of bench/swift/ModelBenchmarks.swift (`trainingWorkloads`), NCHW; 'same' 3x3 is padding 1 and
# 5x5 padding 2. Softmax/sigmoid outputs are fused into the loss as PyTorch code does.
def workload(key):
    if key == "mnist_cnn":
        model = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(576, 128), nn.ReLU(), nn.Linear(128, 10))
        x, y = torch.rand(1280, 1, 28, 28), torch.randint(0, 10, (1280,))
        return fit_epoch(model, nn.CrossEntropyLoss(), x, y, 64, class_accuracy), 1280
    if key == "ecg_lstm":
        x, y = torch.randn(640, 140, 1), torch.randint(0, 2, (640, 1)).float()
        return fit_epoch(LastStep(), nn.BCEWithLogitsLoss(), x, y, 32, binary_accuracy), 640
    if key == "reuters_mlp":
        model = nn.Sequential(nn.Linear(1000, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 46))
        x, y = torch.randint(0, 2, (8192, 1000)).float(), torch.randint(0, 46, (8192,))
        return fit_epoch(model, nn.CrossEntropyLoss(), x, y, 512, class_accuracy), 8192
    if key == "colorization":
        model = nn.Sequential(
            nn.Conv2d(1, 256, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(256, 128, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(128, 64, 3, padding=1), nn.ReLU(), nn.Upsample(scale_factor=2),
            nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.Upsample(scale_factor=2),
            nn.Conv2d(128, 3, 3, padding=1), nn.Sigmoid())
        x, y = torch.rand(20, 1, 100, 100), torch.rand(20, 3, 100, 100)
        return fit_epoch(model, nn.MSELoss(), x, y, 10, None), 20
    raise SystemExit(f"unknown workload {key}")


if args.peak:
    run, _ = workload(args.peak)
    for _ in range(args.epochs):
        run()
    with open("/proc/self/status") as status:
        peak = next(line.split(":", 1)[1].strip() for line in status if line.startswith("VmHWM:"))
    print(f"{args.peak} peak memory (VmHWM) after {args.epochs} epochs: {peak}")
    raise SystemExit(0)

titles = {
    "mnist_cnn": "fit epoch MNIST CNN 32-64-64 conv + dense 128, 1280 samples, batch 64",
    "ecg_lstm": "fit epoch LSTM(50) + dense 1 on 140 steps, 640 samples, batch 32",
    "reuters_mlp": "fit epoch MLP 1000-64-64-46, 8192 samples, batch 512",
    "colorization": "fit epoch colorization autoencoder 100x100, 20 samples, batch 10",
}
for key, title in titles.items():
    if args.filter in title:
        torch.manual_seed(1)
        run, samples = workload(key)
        measure(title, run, ("samples", samples), budget=8.0 if key == "colorization" else 4.0)


def mlp(inputs, hidden, classes, samples):
    model = nn.Sequential(nn.Linear(inputs, hidden), nn.ReLU(), nn.Linear(hidden, classes))
    return model, torch.randn(samples, inputs), torch.randint(0, classes, (samples,))


def epoch(setup, batch_size):
    model, x, y = setup
    return fit_epoch(model, nn.CrossEntropyLoss(), x, y, batch_size, class_accuracy)


small = mlp(10, 32, 3, 3200)
mnist = mlp(784, 128, 10, 6400)
measure("fit epoch MLP 10-32-3, 3200 samples, batch 32", epoch(small, 32), ("samples", 3200))
measure("fit epoch MLP 784-128-10, 6400 samples, batch 32", epoch(mnist, 32), ("samples", 6400))
measure("fit epoch MLP 784-128-10, 6400 samples, batch 128", epoch(mnist, 128), ("samples", 6400))


def predict():
    with torch.no_grad():
        for start in range(0, 6400, 32):
            torch.softmax(mnist[0](mnist[1][start:start + 32]), 1)


measure("predict MLP 784-128-10, 6400 samples, batch 32", predict, ("samples", 6400))
p = torch.randn(1000, 1000, requires_grad=True)
p.grad = torch.randn(1000, 1000)
adam = torch.optim.Adam([p], lr=0.001, eps=1e-7)
sgd = torch.optim.SGD([p], lr=0.01, momentum=0.9)
measure("Adam step, 1M parameters", adam.step, ("parameters", 1e6))
measure("SGD momentum step, 1M parameters", sgd.step, ("parameters", 1e6))
