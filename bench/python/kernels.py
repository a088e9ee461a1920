"""The PyTorch side of bench/swift/KernelBenchmarks.swift: the same convolutions and LSTM, forward and
backward, timed the same way (best and median of repeated runs) on 2 threads.
Run with bench/.venv/bin/python (made by bench/setup)."""
import torch
import torch.nn.functional as F

from common import measure

torch.set_num_threads(2)
torch.manual_seed(1)


def convolution(name, batch, size, channels, filters, stride, input_grad):
    # PyTorch is NCHW; 'same' for 3x3 is padding 1 (stride 2 on an even size pads one row more at the
    # top than Keras, which changes nothing in the cost).
    x = torch.randn(batch, channels, size, size, requires_grad=input_grad)
    w = (torch.randn(filters, channels, 3, 3) * 0.1).requires_grad_()
    b = torch.zeros(filters, requires_grad=True)
    out = (size + stride - 1) // stride
    g = torch.randn(batch, filters, out, out)
    flops = 2.0 * 3 * batch * out * out * 9 * channels * filters

    def step():
        y = F.conv2d(x, w, b, stride=stride, padding=1).relu()
        y.backward(g)
        w.grad = b.grad = x.grad = None
    measure(name, step, ("GFLOP", flops / 1e9))


print("== torch", torch.__version__, "threads", torch.get_num_threads())
convolution("conv2d MNIST 1->32 3x3 same relu, 64x28x28, fwd+bwd", 64, 28, 1, 32, 1, False)
convolution("conv2d MNIST 32->64 3x3 same relu, 64x14x14, fwd+bwd", 64, 14, 32, 64, 1, True)
convolution("conv2d colorize 1->64 3x3 same relu, 10x100x100, fwd+bwd", 10, 100, 1, 64, 1, False)
convolution("conv2d colorize 64->128 3x3 stride 2, 10x100x100, fwd+bwd", 10, 100, 64, 128, 2, True)
convolution("conv2d colorize 128->256 3x3 same, 10x50x50, fwd+bwd", 10, 50, 128, 256, 1, True)

lstm = torch.nn.LSTM(1, 50, batch_first=True)
sequence = torch.randn(32, 140, 1)
last_grad = torch.randn(32, 50)


def lstm_step():
    out, _ = lstm(sequence)
    out[:, -1].backward(last_grad)
    lstm.zero_grad(set_to_none=True)


def lstm_forward():
    with torch.no_grad():
        lstm(sequence)


measure("lstm 50 units, 32x140x1, fwd+bwd (last hidden)", lstm_step, ("samples", 32))
measure("lstm 50 units, 32x140x1, forward only", lstm_forward, ("samples", 32))
