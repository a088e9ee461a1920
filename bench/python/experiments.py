"""The PyTorch side of scripts/ecg_lstm.lua, scripts/mnist_gradcam.lua and scripts/colorize.lua: the same
data, model, optimizer, batch size, validation split and epochs, with Keras' initializers, so the wall time
and the outcome can be set beside Lunette's. Run with bench/.venv/bin/python (made by bench/setup):

    bench/.venv/bin/python bench/python/experiments.py ecg [DATA]               # 10 epochs on all 5,000 beats
    bench/.venv/bin/python bench/python/experiments.py mnist [DATA] [--full]     # 8 epochs on 10,000 digits
                                                                                 # (--full: 15 on 60,000)
    bench/.venv/bin/python bench/python/experiments.py colorize [DATA] [--full]  # the RGB network, quick
                                                                                 # or --full settings
    bench/.venv/bin/python bench/python/experiments.py word2vec [PAIRS]          # negative sampling, 5 epochs
DATA is a folder laid out like the shared data (default: data/ of the checkout). PAIRS is the folder that
bench/lua/word2vec_pairs.lua writes (default: bench/.word2vec): the quick mode's skip-gram pairs.
Each ends with a line for bench/compare: train_seconds=... epochs=... samples=... (samples trained on).
The data come from experiment_data.py, shared with the Keras twins in experiments_keras.py.
"""
import copy
import sys
import time
from pathlib import Path

import torch
from torch import nn

import experiment_data

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


def report(seconds, epochs, samples):
    print(f"train_seconds={seconds:.4f} epochs={epochs} samples={samples}", flush=True)


def fit(model, loss_fn, x, y, epochs, batch_size, correct_fn=None, validation_split=0.1, plateau=False):
    """Keras' fit: the last validation_split of the rows held out, the rest shuffled every epoch. With
    `correct_fn` (how many of a batch's outputs are right) it reports accuracies as well as losses. With
    `plateau`, as Keras' ReduceLROnPlateau(factor=0.5, patience=1) and EarlyStopping(patience=3,
    restore_best_weights=True) on the validation loss. Returns the epochs run and the rows trained on."""
    optimizer = torch.optim.Adam(model.parameters(), **ADAM)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor=0.5, patience=1, threshold=1e-4,
                                                           threshold_mode="abs")
    best_loss, best_state, waited = float("inf"), None, 0
    split = int(len(x) * (1 - validation_split))
    x_train, y_train, x_val, y_val = x[:split], y[:split], x[split:], y[split:]
    run = 0
    for epoch in range(epochs):
        run += 1
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
            if correct_fn:
                correct += correct_fn(out.detach(), yb)
        model.eval()
        with torch.no_grad():
            val_out = model(x_val)
            val_loss = loss_fn(val_out, y_val).item()
            accuracies = (f", accuracy {correct / len(x_train):.4f}, "
                          f"val_accuracy {correct_fn(val_out, y_val) / len(x_val):.4f}") if correct_fn else ""
        print(f"epoch {epoch + 1}/{epochs}: {time.perf_counter() - start:.1f} s, loss {total / len(x_train):.4f}, "
              f"val_loss {val_loss:.4f}{accuracies}")
        if plateau:
            scheduler.step(val_loss)
            waited += 1
            if val_loss < best_loss:
                best_loss, best_state, waited = val_loss, copy.deepcopy(model.state_dict()), 0
            elif waited >= 3:
                break
    if plateau:
        model.load_state_dict(best_state)
    return run, split


class LSTMClassifier(nn.Module):
    def __init__(self, units=50):
        super().__init__()
        self.lstm = nn.LSTM(1, units, batch_first=True)
        self.dense = nn.Linear(units, 1)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return torch.sigmoid(self.dense(h[-1]))


def ecg(folder):
    x, y, train, test = (torch.from_numpy(a) for a in experiment_data.ecg(folder))
    model = LSTMClassifier()
    keras_init(model)
    start = time.perf_counter()
    epochs, rows = fit(model, nn.BCELoss(), x[train], y[train], epochs=10, batch_size=32,
                       correct_fn=lambda out, yb: ((out > 0.5).float() == yb).sum().item())
    seconds = time.perf_counter() - start
    with torch.no_grad():
        accuracy = ((model(x[test]) > 0.5).float() == y[test]).float().mean().item()
    print(f"PyTorch ECG LSTM: 10 epochs in {seconds:.1f} s, test accuracy {accuracy:.4f}")
    report(seconds, epochs, epochs * rows)


def channels_first(images):
    return torch.from_numpy(images).permute(0, 3, 1, 2).contiguous()


def mnist(folder, full):
    (train_count, test_count, epochs), (images, labels), (test_images, test_labels) = experiment_data.mnist(folder, full)
    prepare = channels_first

    def block(inputs, outputs):
        return [nn.Conv2d(inputs, outputs, 3, padding=1), nn.ReLU()]

    model = nn.Sequential(*block(1, 32), nn.MaxPool2d(2), *block(32, 64), nn.MaxPool2d(2), *block(64, 64),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64 * 3 * 3, 128), nn.ReLU(), nn.Linear(128, 10))
    keras_init(model)
    start = time.perf_counter()
    run, rows = fit(model, nn.CrossEntropyLoss(), prepare(images), torch.from_numpy(labels), epochs=epochs,
                    batch_size=64, correct_fn=lambda out, yb: (out.argmax(1) == yb).sum().item())
    seconds = time.perf_counter() - start
    with torch.no_grad():
        accuracy = (model(prepare(test_images)).argmax(1) == torch.from_numpy(test_labels)).float().mean().item()
    print(f"PyTorch MNIST CNN: {epochs} epochs on {train_count} digits in {seconds:.1f} s, test accuracy {accuracy:.4f}")
    report(seconds, run, run * rows)


class Colorizer(nn.Module):
    """scripts/colorize.lua's RGB network: grey in, R, G, B out; conv/pool down, upsample/conv back up."""

    def __init__(self, w):
        super().__init__()

        def conv(inputs, outputs):
            return nn.Conv2d(inputs, outputs, 3, padding=1)
        self.layers = nn.Sequential(conv(1, w), nn.ReLU(), nn.MaxPool2d(2), conv(w, 2 * w), nn.ReLU(), nn.MaxPool2d(2),
                                    conv(2 * w, 4 * w), nn.ReLU(), nn.Upsample(scale_factor=2),
                                    conv(4 * w, 2 * w), nn.ReLU(), nn.Upsample(scale_factor=2),
                                    conv(2 * w, w), nn.ReLU(), conv(w, 3), nn.Sigmoid())

    def forward(self, x):
        return self.layers(x)


def colorize(folder, full):
    (size, width, train_count, test_count, epochs), photographs, y_train, y_test = experiment_data.colorize(folder, full)
    x_train, x_test = channels_first(experiment_data.grey(y_train)), channels_first(experiment_data.grey(y_test))
    target_train, target_test = channels_first(y_train), channels_first(y_test)
    baseline = ((x_test.expand(-1, 3, -1, -1) - target_test) ** 2).mean().item()
    model = Colorizer(width)
    keras_init(model)
    start = time.perf_counter()
    run, rows = fit(model, nn.MSELoss(), x_train, target_train, epochs=epochs, batch_size=32, plateau=True)
    seconds = time.perf_counter() - start
    with torch.no_grad():
        test_mse = ((model(x_test) - target_test) ** 2).mean().item()
    print(f"PyTorch colorize (RGB network, {photographs} photographs, {size}x{size} patches): {run} epochs on "
          f"{train_count} patches in {seconds:.1f} s, test MSE {test_mse:.5f} against the grey baseline "
          f"{baseline:.5f}: {100 * (1 - test_mse / baseline):.1f}% lower")
    report(seconds, run, run * rows)


def word2vec(folder, dim=50, negatives=5, epochs=5, batch=256, learning_rate=0.1):
    """scripts/word2vec_reuters.lua's negative-sampling loop on its pairs: index_select of the rows a batch
    uses, the sum of softplus(-s) over true pairs and softplus(s) over negatives, SGD with a learning rate
    decaying linearly to zero, dense updates of both tables as there."""
    centers, contexts, probabilities, words = experiment_data.word2vec_pairs(folder)
    centers, contexts, probabilities = (torch.from_numpy(a) for a in (centers, contexts, probabilities))
    vocabulary, count = len(probabilities), len(centers)
    w_in = ((torch.rand(vocabulary, dim) - 0.5) / dim).requires_grad_()
    w_out = torch.zeros(vocabulary, dim, requires_grad=True)
    optimizer = torch.optim.SGD([w_in, w_out], lr=learning_rate)
    signs = torch.ones(1, negatives + 1)
    signs[0, 1:] = -1
    steps_total, step = epochs * -(-count // batch), 0
    start = time.perf_counter()
    for epoch in range(epochs):
        order = torch.randperm(count)
        epoch_centers, epoch_contexts = centers[order], contexts[order]
        total = 0.0
        for first in range(0, count, batch):
            n = min(batch, count - first)
            for group in optimizer.param_groups:
                group["lr"] = learning_rate * max(1e-4, 1 - step / steps_total)
            step += 1
            sampled = torch.multinomial(probabilities, n * negatives, replacement=True).view(n, negatives)
            rows_out = torch.cat([epoch_contexts[first:first + n].view(n, 1), sampled], 1).view(-1)
            u = w_in.index_select(0, epoch_centers[first:first + n])
            v = w_out.index_select(0, rows_out).view(n, negatives + 1, dim)
            loss = torch.nn.functional.softplus(-(v * u.view(n, 1, dim)).sum(2) * signs).sum()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch + 1}/{epochs}  loss {total / count:.4f}  ({time.perf_counter() - start:.0f} s)", flush=True)
    seconds = time.perf_counter() - start
    unit = w_in.detach() / (w_in.detach().norm(dim=1, keepdim=True) + 1e-8)
    for word in ["wheat", "crude"]:
        similarities = unit @ unit[words.index(word)]
        similarities[0] = similarities[words.index(word)] = -float("inf")
        print(f"  {word} -> {', '.join(words[i] for i in similarities.topk(10).indices.tolist())}")
    print(f"PyTorch word2vec (negative sampling): {epochs} epochs on {count} pairs in {seconds:.1f} s")
    report(seconds, epochs, epochs * count)


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = Path(arguments[1]) if len(arguments) > 1 else Path(__file__).resolve().parents[2] / "data"
    full = "--full" in sys.argv
    pairs = Path(arguments[1]) if len(arguments) > 1 else Path(__file__).resolve().parents[1] / ".word2vec"
    {"ecg": lambda: ecg(folder), "mnist": lambda: mnist(folder, full),
     "colorize": lambda: colorize(folder, full), "word2vec": lambda: word2vec(pairs)}[arguments[0]]()
