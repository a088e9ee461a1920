"""The PyTorch side of scripts/ecg_lstm.lua and scripts/mnist_gradcam.lua: the same data, model, optimizer,
batch size, validation split and epochs, with Keras' initializers, so the wall time and the test accuracy
can be set beside Lunette's. Run with bench/.venv/bin/python (made by bench/setup):

    bench/.venv/bin/python bench/python/experiments.py ecg [DATA]            # 10 epochs on all 5,000 beats
    bench/.venv/bin/python bench/python/experiments.py mnist [DATA] [--full]  # 3 epochs on 10,000 digits
                                                                              # (--full: 15 on 60,000)
DATA is a folder laid out like the shared data (default: data/ of the checkout).
"""
import gzip
import struct
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

torch.set_num_threads(2)
torch.manual_seed(42)
ADAM = dict(lr=1e-3, eps=1e-7)  # Keras' Adam defaults


def keras_init(module):
    """Keras' defaults: glorot_uniform kernels, zero biases; LSTM recurrent kernels orthogonal, forget bias 1."""
    for name, parameter in module.named_parameters():
        if "weight_hh" in name:
            for gate in parameter.data.chunk(4, 0):
                nn.init.orthogonal_(gate)
        elif "weight_ih" in name:
            nn.init.xavier_uniform_(parameter.data)
        elif name.endswith("weight"):
            nn.init.xavier_uniform_(parameter.data)
        elif "bias_ih" in name:
            parameter.data.zero_()
            parameter.data[parameter.shape[0] // 4: parameter.shape[0] // 2] = 1
        elif "bias" in name:
            parameter.data.zero_()


def fit(model, loss_fn, x, y, epochs, batch_size, correct_fn, validation_split=0.1):
    """Keras' fit: the last validation_split of the rows held out, the rest shuffled every epoch."""
    optimizer = torch.optim.Adam(model.parameters(), **ADAM)
    split = int(len(x) * (1 - validation_split))
    x_train, y_train, x_val, y_val = x[:split], y[:split], x[split:], y[split:]
    for epoch in range(epochs):
        start = time.perf_counter()
        model.train()
        order = torch.randperm(len(x_train))
        total, correct = 0.0, 0
        for first in range(0, len(x_train), batch_size):
            index = order[first:first + batch_size]
            xb, yb = x_train[index], y_train[index]
            optimizer.zero_grad()
            out = model(xb)
            loss = loss_fn(out, yb)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(yb)
            correct += correct_fn(out.detach(), yb)
        model.eval()
        with torch.no_grad():
            val_out = model(x_val)
            val_loss = loss_fn(val_out, y_val).item()
            val_accuracy = correct_fn(val_out, y_val) / len(x_val)
        print(f"epoch {epoch + 1}/{epochs}: {time.perf_counter() - start:.1f} s, loss {total / len(x_train):.4f}, "
              f"accuracy {correct / len(x_train):.4f}, val_loss {val_loss:.4f}, val_accuracy {val_accuracy:.4f}")


class LSTMClassifier(nn.Module):
    def __init__(self, units=50):
        super().__init__()
        self.lstm = nn.LSTM(1, units, batch_first=True)
        self.dense = nn.Linear(units, 1)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return torch.sigmoid(self.dense(h[-1]))


def ecg(folder):
    rows = []
    for name in ["ECG5000_TRAIN.tsv.gz", "ECG5000_TEST.tsv.gz"]:
        with gzip.open(folder / "ecg5000" / name, "rt") as file:
            rows += [[float(v) for v in line.split()] for line in file if line.strip()]
    table = np.array(rows, dtype=np.float32)
    x = torch.from_numpy(table[:, 1:]).unsqueeze(-1)
    y = torch.from_numpy((table[:, 0] == 1).astype(np.float32)).unsqueeze(-1)
    order = torch.from_numpy(np.random.default_rng(42).permutation(len(x)))
    test_count = int(np.ceil(len(x) * 0.25))
    test, train = order[:test_count], order[test_count:]
    model = LSTMClassifier()
    keras_init(model)
    start = time.perf_counter()
    fit(model, nn.BCELoss(), x[train], y[train], epochs=10, batch_size=32,
        correct_fn=lambda out, yb: ((out > 0.5).float() == yb).sum().item())
    seconds = time.perf_counter() - start
    with torch.no_grad():
        accuracy = ((model(x[test]) > 0.5).float() == y[test]).float().mean().item()
    print(f"PyTorch ECG LSTM: 10 epochs in {seconds:.1f} s, test accuracy {accuracy:.4f}")


def read_idx(path):
    with gzip.open(path, "rb") as file:
        data = file.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def mnist(folder, full):
    train_count, test_count, epochs = (60000, 10000, 15) if full else (10000, 2000, 3)
    images = read_idx(folder / "mnist" / "train-images-idx3-ubyte.gz")[:train_count]
    labels = read_idx(folder / "mnist" / "train-labels-idx1-ubyte.gz")[:train_count]
    test_images = read_idx(folder / "mnist" / "t10k-images-idx3-ubyte.gz")[:test_count]
    test_labels = read_idx(folder / "mnist" / "t10k-labels-idx1-ubyte.gz")[:test_count]

    def prepare(array):
        return torch.from_numpy(array.astype(np.float32) / 255).unsqueeze(1)

    def block(inputs, outputs):
        return [nn.Conv2d(inputs, outputs, 3, padding=1), nn.ReLU()]

    model = nn.Sequential(*block(1, 32), nn.MaxPool2d(2), *block(32, 64), nn.MaxPool2d(2), *block(64, 64),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64 * 3 * 3, 128), nn.ReLU(), nn.Linear(128, 10))
    keras_init(model)
    start = time.perf_counter()
    fit(model, nn.CrossEntropyLoss(), prepare(images), torch.from_numpy(labels.astype(np.int64)), epochs=epochs,
        batch_size=64, correct_fn=lambda out, yb: (out.argmax(1) == yb).sum().item())
    seconds = time.perf_counter() - start
    with torch.no_grad():
        accuracy = (model(prepare(test_images)).argmax(1) == torch.from_numpy(test_labels.astype(np.int64))).float().mean().item()
    print(f"PyTorch MNIST CNN: {epochs} epochs on {train_count} digits in {seconds:.1f} s, test accuracy {accuracy:.4f}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = Path(arguments[1]) if len(arguments) > 1 else Path(__file__).resolve().parents[2] / "data"
    {"ecg": lambda: ecg(folder), "mnist": lambda: mnist(folder, "--full" in sys.argv)}[arguments[0]]()
