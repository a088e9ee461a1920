"""PyTorch's side of bench/compare: the workloads of bench/lua/workloads.lua, written as a PyTorch user
writes them (NCHW, the softmax or sigmoid folded into the loss), trained by a Keras-style fit loop
(shuffled batches, Adam with Keras' epsilon, the running loss read every step) on 2 threads.

    bench/.venv/bin/python bench/python/workloads_torch.py NAME [BUDGET_SECONDS]
"""
import sys

import torch
from torch import nn

import common

torch.set_num_threads(2)
torch.set_num_interop_threads(1)
torch.manual_seed(1)


def keras_init(model):
    """Keras' defaults, so that training starts from comparable weights: glorot_uniform, zero biases."""
    for name, parameter in model.named_parameters():
        if parameter.dim() > 1:
            nn.init.xavier_uniform_(parameter.data)
        elif "bias" in name:
            parameter.data.zero_()
    return model


def same(inputs, outputs, kernel, activation):
    return [nn.Conv2d(inputs, outputs, kernel, padding=kernel // 2), activation()]


def mnist_cnn():
    return nn.Sequential(*same(1, 32, 3, nn.ReLU), nn.MaxPool2d(2), *same(32, 64, 3, nn.ReLU), nn.MaxPool2d(2),
                         *same(64, 64, 3, nn.ReLU), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(576, 128), nn.ReLU(), nn.Linear(128, 10))


class LastStep(nn.Module):
    """LSTM(50) and Dense(1) on its last hidden state (Keras' LSTM without return_sequences)."""

    def __init__(self):
        super().__init__()
        self.lstm, self.dense = nn.LSTM(1, 50, batch_first=True), nn.Linear(50, 1)

    def forward(self, x):
        return self.dense(self.lstm(x)[0][:, -1])


def workload(name):
    """The model, its loss, the batch size and one epoch's data (y None: inference)."""
    if name == "mnist_cnn":
        return mnist_cnn(), nn.CrossEntropyLoss(), 64, torch.rand(1280, 1, 28, 28), torch.randint(0, 10, (1280,))
    if name == "mnist_cnn_infer":
        return mnist_cnn(), None, 256, torch.rand(2560, 1, 28, 28), None
    if name == "lstm":
        return LastStep(), nn.BCEWithLogitsLoss(), 32, torch.randn(640, 140, 1), torch.randint(0, 2, (640, 1)).float()
    if name == "mlp":
        model = nn.Sequential(nn.Linear(1000, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 46))
        return model, nn.CrossEntropyLoss(), 512, torch.randint(0, 2, (8192, 1000)).float(), torch.randint(0, 46, (8192,))
    if name == "colorize_ae":  # the homework's network, as in bench/lua/workloads.lua
        model = nn.Sequential(*same(1, 256, 5, nn.ReLU), nn.MaxPool2d(2), *same(256, 128, 3, nn.Tanh), nn.MaxPool2d(2),
                              *same(128, 64, 3, nn.Tanh), nn.Upsample(scale_factor=2),
                              *same(64, 128, 3, nn.Tanh), nn.Upsample(scale_factor=2), *same(128, 3, 3, nn.ReLU))
        return model, nn.MSELoss(), 10, torch.rand(20, 1, 100, 100), torch.rand(20, 3, 100, 100)
    if name == "word2vec":
        model = nn.Sequential(nn.Embedding(2000, 64), nn.Flatten(), nn.Linear(64, 2000))
        return model, nn.CrossEntropyLoss(), 256, torch.randint(0, 2000, (8192, 1)), torch.randint(0, 2000, (8192,))
    raise SystemExit(f"unknown workload {name}")


def main():
    name, budget = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    if name == "sgemm":
        a, b = torch.rand(2048, 2048), torch.rand(2048, 2048)
        print(f"version=PyTorch_{torch.__version__}")
        common.sgemm(lambda: torch.mm(a, b))
        return
    model, loss_fn, batch_size, x, y = workload(name)
    keras_init(model)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)

    def fit(epochs):
        model.train()
        for _ in range(epochs):
            order, total = torch.randperm(len(x)), 0.0
            for first in range(0, len(x), batch_size):
                index = order[first:first + batch_size]
                optimizer.zero_grad()
                loss = loss_fn(model(x[index]), y[index])
                loss.backward()
                optimizer.step()
                total += loss.item() * len(index)

    def predict(epochs):
        model.eval()
        with torch.no_grad():
            for _ in range(epochs):
                for first in range(0, len(x), batch_size):
                    torch.softmax(model(x[first:first + batch_size]), 1)

    common.throughput(fit if y is not None else predict, len(x), budget)


if __name__ == "__main__":
    main()
