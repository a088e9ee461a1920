"""Makes compat_reference.json: reference numbers for the layers and option forms added for Keras
compatibility, which CompatReferenceTests compares against. Run once by hand; the tests only read the JSON.

    COLUMNS=80 KERAS_BACKEND=torch /work/wt-bench/bench/.venv/bin/python make_compat_reference.py

- "layer_values": forward values of MaxPooling1D, AveragePooling1D, ZeroPadding1D/2D, Cropping1D/2D from
  Keras 3 (the same form as keras_models_reference.json's layer_values).
- "strided_dilated": convolutions with strides and dilation together from PyTorch (Keras refuses them):
  input NHWC / NWC, kernel in Keras' layout, bias, the output, and the gradients of L = sum(output * w)
  by input, kernel and bias. Keras' 'same' padding is given to PyTorch as explicit zero padding with the
  extra row or column after (TensorFlow's rule).
- "fruit_autoencoder": the homework's autoencoder summary as Keras prints it.
"""
import json, os
os.environ.setdefault("KERAS_BACKEND", "torch")
os.environ["COLUMNS"] = "80"
import numpy as np
import torch
import torch.nn.functional as F
import keras
from keras import layers as L

rng = np.random.default_rng(13)
out = {"keras_version": keras.__version__, "torch_version": torch.__version__}


def arr(a):
    a = np.asarray(a, dtype="float32")
    return {"shape": list(a.shape), "values": [float(v) for v in a.reshape(-1)]}


def forward_values(layer, shape):
    x = rng.uniform(-1, 1, size=shape).astype("float32")
    y = keras.ops.convert_to_numpy(layer(x))
    return {"input": arr(x), "weights": [], "outputs": [arr(y)]}


out["layer_values"] = {
    "max_pooling1d_valid": forward_values(L.MaxPooling1D(2), (2, 7, 3)),
    "max_pooling1d_same_stride": forward_values(L.MaxPooling1D(3, strides=2, padding="same"), (2, 8, 2)),
    "average_pooling1d_valid_stride": forward_values(L.AveragePooling1D(3, strides=2), (2, 9, 2)),
    "average_pooling1d_same": forward_values(L.AveragePooling1D(2, padding="same"), (1, 7, 3)),
    "zero_padding1d": forward_values(L.ZeroPadding1D((1, 2)), (2, 4, 3)),
    "zero_padding2d": forward_values(L.ZeroPadding2D(((1, 2), (0, 3))), (1, 3, 4, 2)),
    "cropping1d": forward_values(L.Cropping1D((2, 1)), (2, 6, 3)),
    "cropping2d": forward_values(L.Cropping2D(((1, 0), (2, 1))), (1, 5, 6, 2)),
}


def keras_same_padding(size, window, stride):
    output = -(-size // stride)
    total = max((output - 1) * stride + window - size, 0)
    return total // 2, total - total // 2


def strided_dilated(spatial, channels, filters, kernel, strides, dilation, padding):
    x = rng.uniform(-1, 1, size=(2, *spatial, channels)).astype("float32")
    k = rng.uniform(-0.5, 0.5, size=(*kernel, channels, filters)).astype("float32")
    b = rng.uniform(-0.5, 0.5, size=(filters,)).astype("float32")
    xt = torch.tensor(x, requires_grad=True)
    kt = torch.tensor(k, requires_grad=True)
    bt = torch.tensor(b, requires_grad=True)
    rank = len(spatial)
    channels_first = xt.permute(0, rank + 1, *range(1, rank + 1))
    weight = kt.permute(rank + 1, rank, *range(rank))  # (out, in, k...)
    if padding == "same":
        pads = []
        for d in reversed(range(rank)):
            window = (kernel[d] - 1) * dilation[d] + 1
            pads += list(keras_same_padding(spatial[d], window, strides[d]))
        channels_first = F.pad(channels_first, pads)
    conv = F.conv1d if rank == 1 else F.conv2d
    y = conv(channels_first, weight, bt, stride=tuple(strides), dilation=tuple(dilation))
    y = y.permute(0, *range(2, rank + 2), 1)
    w = rng.uniform(0.5, 1.5, size=tuple(y.shape)).astype("float32")
    (y * torch.tensor(w)).sum().backward()
    return {"kernel_size": list(kernel), "strides": list(strides), "dilation_rate": list(dilation), "padding": padding,
            "input": arr(x), "kernel": arr(k), "bias": arr(b), "output": arr(y.detach().numpy()), "output_weights": arr(w),
            "input_grad": arr(xt.grad.numpy()), "kernel_grad": arr(kt.grad.numpy()), "bias_grad": arr(bt.grad.numpy())}


out["strided_dilated"] = {
    "conv2d_valid_s2_d2": strided_dilated((11, 10), 2, 3, (3, 3), (2, 2), (2, 2), "valid"),
    "conv2d_valid_s21_d12": strided_dilated((9, 12), 3, 2, (2, 3), (2, 1), (1, 2), "valid"),
    "conv2d_same_s2_d2": strided_dilated((9, 8), 2, 2, (3, 2), (2, 3), (2, 2), "same"),
    "conv1d_valid_s2_d3": strided_dilated((15,), 2, 3, (3,), (2,), (3,), "valid"),
    "conv1d_same_s3_d2": strided_dilated((14,), 3, 2, (4,), (3,), (2,), "same"),
}

inputs = keras.Input((100, 100, 3))
h = L.Conv2D(50, (6, 6), activation="tanh", padding="same")(inputs)
h = L.MaxPooling2D(pool_size=(4, 4), strides=(4, 4))(h)
h = L.Conv2D(50, (5, 5), activation="tanh", padding="same")(h)
h = L.MaxPooling2D(pool_size=(4, 4), strides=(6, 6))(h)
h = L.Conv2D(1, (3, 3), activation="tanh")(h)
h = L.Conv2D(1, (1, 2), activation="elu", name="encoder_end")(h)
h = L.UpSampling2D((5, 5))(h)
h = L.Conv2D(50, (3, 3), activation="tanh", padding="same")(h)
h = L.UpSampling2D((5, 5))(h)
h = L.Conv2D(100, (5, 5), activation="tanh", padding="same")(h)
h = L.UpSampling2D((2, 4))(h)
h = L.Conv2D(3, (6, 6), activation="sigmoid", padding="same")(h)
model = keras.Model(inputs, h)
out["fruit_autoencoder"] = {"total_params": int(model.count_params()),
                            "layers": [{"class": l.__class__.__name__, "output_shape": [d for d in l.output.shape[1:]],
                                        "params": int(l.count_params())} for l in model.layers[1:]]}

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "compat_reference.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote compat_reference.json:", out["fruit_autoencoder"]["total_params"], "parameters in the autoencoder")
