"""Reference values for Tests/NNTests/Functional/ReferenceTests.swift, computed once with PyTorch (CPU,
float64) from inputs drawn here, and written to reference.json with the versions that made them.

Weights are converted from Keras' layouts to PyTorch's. Where the conventions differ, the Keras rule is
applied explicitly around a PyTorch call: 'same' padding pads (total // 2) before and the rest after;
Conv2DTranspose crops the full transposed convolution from the top-left at that same split; average
pooling with 'same' divides by the number of positions inside the input.

Run: bench/.venv/bin/python Tests/NNFixtures/make_reference.py
"""
import json
import math
import pathlib

import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.default_rng(12345)
cases = {}


def array(*shape, scale=1.0):
    return (rng.uniform(-1, 1, size=shape) * scale).astype(np.float32)


def put(name, **tensors):
    cases[name] = {k: {"shape": list(np.shape(v)), "values": np.asarray(v, np.float64).ravel().tolist()}
                   for k, v in tensors.items()}


def t(a):
    return torch.tensor(np.asarray(a), dtype=torch.float64)


def same_pads(size, window, stride):
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + window - size, 0)
    return total // 2, total - total // 2


def nchw(x):
    return t(x).permute(0, 3, 1, 2)


def nhwc(x):
    return x.permute(0, 2, 3, 1).numpy()


# conv2d: input NHWC, kernel (kh, kw, in, out).
x, w, b = array(2, 5, 6, 3), array(3, 3, 3, 4), array(4)
for name, stride, padding, dilation in [("conv2d_valid", (1, 1), "valid", (1, 1)), ("conv2d_same_stride2", (2, 2), "same", (1, 1)),
                                        ("conv2d_same_dilation2", (1, 1), "same", (2, 2)), ("conv2d_valid_stride21", (2, 1), "valid", (1, 1))]:
    xi = nchw(x)
    if padding == "same":
        top, bottom = same_pads(5, (3 - 1) * dilation[0] + 1, stride[0])
        left, right = same_pads(6, (3 - 1) * dilation[1] + 1, stride[1])
        xi = F.pad(xi, (left, right, top, bottom))
    y = F.conv2d(xi, t(w).permute(3, 2, 0, 1), t(b), stride=stride, dilation=dilation)
    put(name, input=x, kernel=w, bias=b, output=nhwc(y))

# conv2d_transpose: kernel (kh, kw, out, in); output size and crop by Keras' rules.
x, w, b = array(2, 3, 4, 3), array(3, 3, 2, 3), array(2)
for name, stride, padding, output_padding in [("conv2d_transpose_same_stride2", (2, 2), "same", None),
                                              ("conv2d_transpose_valid_stride2", (2, 2), "valid", None),
                                              ("conv2d_transpose_valid_outpad", (2, 2), "valid", (1, 1)),
                                              ("conv2d_transpose_same_stride32_outpad", (3, 2), "same", (1, 0))]:
    full = F.conv_transpose2d(nchw(x), t(w).permute(3, 2, 0, 1), None, stride=stride)
    sizes, starts = [], []
    for axis, n in ((0, 3), (1, 4)):
        s, k = stride[axis], 3
        if output_padding is None:
            out = n * s if padding == "same" else n * s + max(k - s, 0)
        else:
            out = (n - 1) * s + k - 2 * (k // 2 if padding == "same" else 0) + output_padding[axis]
        start = max((n - 1) * s + k - out, 0) // 2 if padding == "same" else 0
        sizes.append(out)
        starts.append(start)
    canvas = torch.zeros(2, 2, sizes[0] + starts[0] + 3, sizes[1] + starts[1] + 3, dtype=torch.float64)
    canvas[:, :, :full.shape[2], :full.shape[3]] = full
    y = canvas[:, :, starts[0]:starts[0] + sizes[0], starts[1]:starts[1] + sizes[1]] + t(b).view(1, 2, 1, 1)
    put(name, input=x, kernel=w, bias=b, output=nhwc(y))

# Pooling on NHWC input.
x = array(2, 5, 7, 3)
put("max_pool_valid_23_s12", input=x, output=nhwc(F.max_pool2d(nchw(x), (2, 3), (1, 2))))
top, bottom = same_pads(5, 2, 2)
left, right = same_pads(7, 2, 2)
put("max_pool_same_22", input=x, output=nhwc(F.max_pool2d(F.pad(nchw(x), (left, right, top, bottom), value=-math.inf), 2, 2)))
put("avg_pool_valid_32_s21", input=x, output=nhwc(F.avg_pool2d(nchw(x), (3, 2), (2, 1))))
sums = F.avg_pool2d(F.pad(nchw(x), (left, right, top, bottom)), 2, 2, divisor_override=1)
counts = F.avg_pool2d(F.pad(torch.ones(1, 1, 5, 7, dtype=torch.float64), (left, right, top, bottom)), 2, 2, divisor_override=1)
put("avg_pool_same_22", input=x, output=nhwc(sums / counts))

# Bilinear upsampling (half-pixel centres, as Keras' resize).
x = array(2, 3, 4, 2)
put("upsample_bilinear_23", input=x,
    output=nhwc(F.interpolate(nchw(x), scale_factor=(2, 3), mode="bilinear", align_corners=False)))

# Batch normalization, training mode, epsilon 1e-3.
x, gamma, beta = array(4, 3, 2, 5, scale=2), array(5), array(5)
flat = t(x).reshape(-1, 5)
y = F.batch_norm(flat, None, None, t(gamma), t(beta), training=True, eps=1e-3)
put("batch_norm", input=x, gamma=gamma, beta=beta, output=y.reshape(4, 3, 2, 5).numpy(),
    mean=flat.mean(0).numpy(), variance=flat.var(0, unbiased=False).numpy())

# LSTM: Keras kernel (F, 4u), recurrent (u, 4u), bias (4u), gates i, f, c, o (PyTorch's order too).
units = 4
x, kernel, recurrent, bias = array(3, 6, 2), array(2, 4 * units), array(units, 4 * units), array(4 * units)
h0, c0 = array(3, units), array(3, units)
for name, backwards in [("lstm", False), ("lstm_backwards", True)]:
    lstm = torch.nn.LSTM(2, units, batch_first=True).double()
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(t(kernel).T)
        lstm.weight_hh_l0.copy_(t(recurrent).T)
        lstm.bias_ih_l0.copy_(t(bias))
        lstm.bias_hh_l0.zero_()
        sequence = t(x).flip(1) if backwards else t(x)
        out, (h, c) = lstm(sequence, (t(h0).unsqueeze(0), t(c0).unsqueeze(0)))
    put(name, input=x, kernel=kernel, recurrent=recurrent, bias=bias, h0=h0, c0=c0,
        sequence=out.numpy(), last_hidden=h[0].numpy(), last_cell=c[0].numpy())

# GRU, reset_after: Keras gates z, r, h and bias (2, 3u) = (input bias, recurrent bias); PyTorch r, z, n.
x, kernel, recurrent, bias = array(3, 6, 2), array(2, 3 * units), array(units, 3 * units), array(2, 3 * units)
h0 = array(3, units)


def torch_order(m):  # columns z, r, h -> rows r, z, n
    u = units
    return torch.cat([t(m)[..., u:2 * u], t(m)[..., 0:u], t(m)[..., 2 * u:]], -1)


for name, backwards in [("gru", False), ("gru_backwards", True)]:
    gru = torch.nn.GRU(2, units, batch_first=True).double()
    with torch.no_grad():
        gru.weight_ih_l0.copy_(torch_order(kernel).T)
        gru.weight_hh_l0.copy_(torch_order(recurrent).T)
        gru.bias_ih_l0.copy_(torch_order(bias[0]))
        gru.bias_hh_l0.copy_(torch_order(bias[1]))
        sequence = t(x).flip(1) if backwards else t(x)
        out, h = gru(sequence, t(h0).unsqueeze(0))
    put(name, input=x, kernel=kernel, recurrent=recurrent, bias=bias, h0=h0, sequence=out.numpy(), last_hidden=h[0].numpy())

# Losses whose Keras definition PyTorch shares (per-sample values = mean or sum over the last axis).
y_true, y_pred, logits = rng.uniform(0.05, 0.95, (4, 3)).astype(np.float32), rng.uniform(0.05, 0.95, (4, 3)).astype(np.float32), array(4, 3, scale=3)
labels = np.array([2, 0, 1, 2])
put("losses", y_true=y_true, y_pred=y_pred, logits=logits, labels=labels,
    mse=F.mse_loss(t(y_pred), t(y_true), reduction="none").mean(-1).numpy(),
    huber=F.huber_loss(t(logits), t(y_true), delta=1.0, reduction="none").mean(-1).numpy(),
    bce_logits=F.binary_cross_entropy_with_logits(t(logits), t(y_true), reduction="none").mean(-1).numpy(),
    bce=F.binary_cross_entropy(t(y_pred), t(y_true), reduction="none").mean(-1).numpy(),
    sparse_ce_logits=F.cross_entropy(t(logits), torch.tensor(labels), reduction="none").numpy(),
    ce_logits=F.cross_entropy(t(logits), t(y_true), reduction="none").numpy(),
    kl=F.kl_div(t(y_pred).log(), t(y_true), reduction="none").sum(-1).numpy(),
    cosine=(-F.cosine_similarity(t(y_true), t(y_pred), dim=-1)).numpy())

out = {"made_by": f"make_reference.py with torch {torch.__version__}, numpy {np.__version__}", "cases": cases}
path = pathlib.Path(__file__).with_name("reference.json")
path.write_text(json.dumps(out, indent=None, separators=(",", ":")) + "\n")
print("wrote", path, len(cases), "cases")
