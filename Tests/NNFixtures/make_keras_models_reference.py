"""Makes keras_models_reference.json: reference numbers and texts from Keras 3 (torch backend) that the NN tests
compare against. Run once by hand; the tests only read the JSON.

    python3 -m venv /tmp/kv && /tmp/kv/bin/pip install keras torch
    COLUMNS=80 KERAS_BACKEND=torch /tmp/kv/bin/python make_keras_models_reference.py
"""
import io, json, os, sys
os.environ.setdefault("KERAS_BACKEND", "torch")
os.environ["COLUMNS"] = "80"
import numpy as np
import keras
from keras import layers, optimizers

out = {"keras_version": keras.__version__, "backend": keras.backend.backend()}


def capture_summary(model):
    lines = []
    model.summary(print_fn=lambda s, line_break=True: lines.append(s))
    return "".join(lines)


# Optimizers: two steps from a fixed parameter with fixed gradients.
start = np.array([1.0, -2.0, 3.0, 0.5], dtype="float32")
grads = [np.array([0.1, -0.2, 0.3, 0.0], dtype="float32"), np.array([0.5, 0.4, -0.6, 2.0], dtype="float32")]
configs = {
    "sgd": lambda: optimizers.SGD(learning_rate=0.1),
    "sgd_momentum": lambda: optimizers.SGD(learning_rate=0.1, momentum=0.9),
    "sgd_nesterov": lambda: optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True),
    "adam": lambda: optimizers.Adam(learning_rate=0.1),
    "adam_amsgrad": lambda: optimizers.Adam(learning_rate=0.1, amsgrad=True),
    "adamw": lambda: optimizers.AdamW(learning_rate=0.1),
    "rmsprop": lambda: optimizers.RMSprop(learning_rate=0.1),
    "rmsprop_centered_momentum": lambda: optimizers.RMSprop(learning_rate=0.1, momentum=0.5, centered=True),
    "adagrad": lambda: optimizers.Adagrad(learning_rate=0.1),
    "sgd_clipnorm": lambda: optimizers.SGD(learning_rate=0.1, clipnorm=0.5),
    "sgd_clipvalue": lambda: optimizers.SGD(learning_rate=0.1, clipvalue=0.25),
    "sgd_global_clipnorm": lambda: optimizers.SGD(learning_rate=0.1, global_clipnorm=0.5),
}
out["optimizers"] = {"start": start.tolist(), "grads": [g.tolist() for g in grads], "results": {}}
for name, make in configs.items():
    opt = make()
    v = keras.Variable(start.copy())
    steps = []
    for g in grads:
        opt.apply_gradients([(keras.ops.convert_to_tensor(g), v)])
        steps.append(np.array(v.numpy()).tolist())
    out["optimizers"]["results"][name] = steps

# Learning-rate schedules.
steps = [0, 1, 5, 10, 15, 100]
schedules = {
    "exponential": optimizers.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5),
    "exponential_staircase": optimizers.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5, staircase=True),
    "piecewise": optimizers.schedules.PiecewiseConstantDecay([5, 10], [1.0, 0.5, 0.1]),
    "cosine": optimizers.schedules.CosineDecay(0.1, decay_steps=20, alpha=0.1),
    "cosine_warmup": optimizers.schedules.CosineDecay(0.0, decay_steps=20, warmup_target=0.1, warmup_steps=5),
    "inverse_time": optimizers.schedules.InverseTimeDecay(0.1, decay_steps=10, decay_rate=0.5),
    "inverse_time_staircase": optimizers.schedules.InverseTimeDecay(0.1, decay_steps=10, decay_rate=0.5, staircase=True),
}
out["schedules"] = {"steps": steps, "values": {n: [float(s(k)) for k in steps] for n, s in schedules.items()}}

# Losses and metrics on small fixed batches.
yt_bin = np.array([[1.0], [0.0], [1.0], [0.0]], dtype="float32")
yp_bin = np.array([[0.9], [0.2], [0.4], [0.6]], dtype="float32")
yt_cat = np.array([[0, 1, 0], [1, 0, 0], [0, 0, 1]], dtype="float32")
yp_cat = np.array([[0.2, 0.7, 0.1], [0.5, 0.3, 0.2], [0.3, 0.4, 0.3]], dtype="float32")
logits = np.array([[1.0, 2.0, -1.0], [0.5, -0.5, 0.0], [3.0, 1.0, 0.2]], dtype="float32")
yt_sparse = np.array([1, 0, 2], dtype="int64")
yt_reg = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.0]], dtype="float32")
yp_reg = np.array([[1.5, 1.0], [2.0, -1.0], [0.0, 0.5]], dtype="float32")
L = keras.losses
f = lambda t: float(np.array(t))
out["losses"] = {
    "mse": f(L.MeanSquaredError()(yt_reg, yp_reg)),
    "mae": f(L.MeanAbsoluteError()(yt_reg, yp_reg)),
    "huber": f(L.Huber()(yt_reg, yp_reg)),
    "binary_crossentropy": f(L.BinaryCrossentropy()(yt_bin, yp_bin)),
    "binary_crossentropy_logits": f(L.BinaryCrossentropy(from_logits=True)(yt_bin, np.log(yp_bin / (1 - yp_bin)))),
    "categorical_crossentropy": f(L.CategoricalCrossentropy()(yt_cat, yp_cat)),
    "categorical_crossentropy_logits": f(L.CategoricalCrossentropy(from_logits=True)(yt_cat, logits)),
    "sparse_categorical_crossentropy": f(L.SparseCategoricalCrossentropy()(yt_sparse, yp_cat)),
    "sparse_categorical_crossentropy_logits": f(L.SparseCategoricalCrossentropy(from_logits=True)(yt_sparse, logits)),
    "kl_divergence": f(L.KLDivergence()(yt_cat, yp_cat)),
}
M = keras.metrics
def metric(m, *batches):
    for yt, yp in batches:
        m.update_state(yt, yp)
    return float(np.array(m.result()))
out["metrics"] = {
    "binary_accuracy": metric(M.BinaryAccuracy(), (yt_bin, yp_bin)),
    "categorical_accuracy": metric(M.CategoricalAccuracy(), (yt_cat, yp_cat)),
    "sparse_categorical_accuracy": metric(M.SparseCategoricalAccuracy(), (yt_sparse, yp_cat)),
    "precision": metric(M.Precision(), (yt_bin, yp_bin)),
    "recall": metric(M.Recall(), (yt_bin, yp_bin)),
    "r2": metric(M.R2Score(), (yt_reg, yp_reg)),
    # Accumulated over two batches of different sizes: weighted by batch size.
    "mae_two_batches": metric(M.MeanAbsoluteError(), (yt_reg, yp_reg), (yt_reg[:1], yp_reg[:1] + 1)),
}

# Parameter counts and output shapes of single layers.
def probe(layer, shape, dtype="float32"):
    inp = keras.Input(shape, dtype=dtype)
    res = layer(inp)
    shapes = [list(t.shape) for t in (res if isinstance(res, (list, tuple)) else [res])]
    return {"params": layer.count_params(), "shapes": shapes,
            "weights": [[w.path.split("/")[-1], list(w.shape), bool(w.trainable)] for w in layer.weights]}
L = layers
out["layers"] = {
    "dense": probe(L.Dense(7), (5,)),
    "dense_no_bias_3d": probe(L.Dense(7, use_bias=False), (4, 5)),
    "conv2d_same": probe(L.Conv2D(32, 3, padding="same"), (28, 28, 1)),
    "conv2d_valid_stride2": probe(L.Conv2D(8, (3, 5), strides=2), (17, 20, 3)),
    "conv2d_dilation": probe(L.Conv2D(4, 3, dilation_rate=2), (20, 20, 2)),
    "conv2d_same_stride2": probe(L.Conv2D(4, 3, strides=2, padding="same"), (7, 7, 2)),
    "conv1d": probe(L.Conv1D(16, 5), (140, 1)),
    "conv1d_same_stride": probe(L.Conv1D(6, 4, strides=3, padding="same"), (50, 2)),
    "conv2d_transpose": probe(L.Conv2DTranspose(16, 3, strides=2, padding="same"), (7, 7, 32)),
    "conv2d_transpose_valid": probe(L.Conv2DTranspose(5, (3, 4), strides=(2, 3)), (6, 5, 2)),
    "conv2d_transpose_output_padding": probe(L.Conv2DTranspose(3, 3, strides=2, output_padding=1), (5, 5, 2)),
    "max_pooling2d": probe(L.MaxPooling2D(2), (28, 28, 3)),
    "max_pooling2d_same_stride": probe(L.MaxPooling2D(3, strides=2, padding="same"), (7, 8, 3)),
    "average_pooling2d": probe(L.AveragePooling2D((2, 3)), (9, 10, 2)),
    "global_average_pooling2d": probe(L.GlobalAveragePooling2D(), (5, 6, 7)),
    "global_max_pooling2d_keepdims": probe(L.GlobalMaxPooling2D(keepdims=True), (5, 6, 7)),
    "up_sampling2d": probe(L.UpSampling2D((2, 3)), (5, 6, 7)),
    "batch_normalization": probe(L.BatchNormalization(), (5, 6, 7)),
    "layer_normalization": probe(L.LayerNormalization(), (5, 7)),
    "simple_rnn": probe(L.SimpleRNN(10), (20, 3)),
    "simple_rnn_sequences": probe(L.SimpleRNN(10, return_sequences=True), (20, 3)),
    "lstm": probe(L.LSTM(50), (140, 1)),
    "lstm_state": probe(L.LSTM(8, return_sequences=True, return_state=True), (12, 3)),
    "gru": probe(L.GRU(16), (30, 4)),
    "gru_state": probe(L.GRU(4, return_state=True), (30, 4)),
    "bidirectional_lstm": probe(L.Bidirectional(L.LSTM(8, return_sequences=True)), (12, 3)),
    "bidirectional_gru_sum": probe(L.Bidirectional(L.GRU(6), merge_mode="sum"), (12, 3)),
    "embedding": probe(L.Embedding(1000, 64), (10,), dtype="int64"),
    "flatten": probe(L.Flatten(), (3, 4, 5)),
    "reshape": probe(L.Reshape((-1, 4)), (3, 4, 2)),
    "permute": probe(L.Permute((2, 1, 3)), (3, 4, 5)),
    "repeat_vector": probe(L.RepeatVector(6), (5,)),
    "dropout": probe(L.Dropout(0.5), (5,)),
    "activation": probe(L.Activation("relu"), (5, 2)),
}

# Summaries.
keras.utils.clear_session()
mnist = keras.Sequential([keras.Input((28, 28, 1)),
    L.Conv2D(32, 3, padding="same", activation="relu"), L.MaxPooling2D(2),
    L.Conv2D(64, 3, padding="same", activation="relu"), L.MaxPooling2D(2),
    L.Conv2D(64, 3, padding="same", activation="relu"), L.MaxPooling2D(2),
    L.Flatten(), L.Dense(128, activation="relu"), L.Dense(10, activation="softmax")])
out["summary_mnist_cnn"] = capture_summary(mnist)
keras.utils.clear_session()
a = keras.Input((4,), name="a")
b = keras.Input((3,))
x = L.Concatenate()([a, b])
y = L.Dense(2)(x)
z = L.BatchNormalization()(y)
out["summary_two_inputs"] = capture_summary(keras.Model([a, b], [y, z], name="two_inputs"))
keras.utils.clear_session()
inp = keras.Input((6,))
h = L.Dense(4, activation="relu")(inp)
h = L.Dropout(0.5)(h)
o = L.Dense(1)(h)
out["summary_functional_chain"] = capture_summary(keras.Model(inp, o))
keras.utils.clear_session()
seq = keras.Sequential([L.Dense(3)])
out["summary_unbuilt"] = capture_summary(seq)
keras.utils.clear_session()
lstm = keras.Sequential([keras.Input((140, 1)), L.LSTM(50, return_sequences=True), L.LSTM(20), L.Dense(1)])
lstm.compile(optimizer="adam", loss="mse")
lstm.fit(np.zeros((4, 140, 1), "float32"), np.zeros((4, 1), "float32"), verbose=0, epochs=1)
out["summary_lstm_compiled"] = capture_summary(lstm)

# Forward values of layers with fixed weights: the input, the weights in Keras' order (layer.weights) and
# every output, for the NN tests to load into the same layers. Batch normalization also records its moving
# statistics after two training calls.
value_rng = np.random.default_rng(2024)


def arr(a):
    a = np.asarray(a, dtype="float64")
    return {"shape": list(a.shape), "values": a.ravel().tolist()}


def forward_values(layer, input_shape, training=False, scale=1.0, weight_scale=0.5, extra_calls=()):
    keras.utils.clear_session()
    x = (value_rng.uniform(-1, 1, size=input_shape) * scale).astype("float32")
    layer(x[:1])
    weights = []
    for w in layer.weights:
        if w.path.endswith("moving_variance"):
            value = value_rng.uniform(0.5, 1.5, size=tuple(w.shape))
        else:
            value = value_rng.uniform(-1, 1, size=tuple(w.shape)) * weight_scale
        weights.append(value.astype("float32"))
    layer.set_weights(weights)
    result = layer(x, training=training)
    outputs = list(result) if isinstance(result, (list, tuple)) else [result]
    entry = {"input": arr(x), "weights": [arr(w) for w in weights],
             "outputs": [arr(keras.ops.convert_to_numpy(o)) for o in outputs]}
    for name, extra_shape in extra_calls:
        extra = value_rng.uniform(-1, 1, size=extra_shape).astype("float32") * 2 + 0.5
        layer(extra, training=True)
        entry[name] = arr(extra)
    if extra_calls:
        entry["moving"] = [arr(keras.ops.convert_to_numpy(w)) for w in layer.weights if "moving" in w.path]
    return entry


out["layer_values"] = {
    "conv2d_valid_relu": forward_values(L.Conv2D(3, (3, 2), activation="relu"), (2, 6, 5, 2)),
    "conv2d_same_stride2": forward_values(L.Conv2D(4, 3, strides=2, padding="same"), (2, 7, 6, 3)),
    "conv2d_same_dilation2_tanh": forward_values(L.Conv2D(2, 3, dilation_rate=2, padding="same", activation="tanh"), (1, 7, 7, 2)),
    "conv2d_valid_stride21_elu_nobias": forward_values(L.Conv2D(3, (2, 3), strides=(2, 1), use_bias=False, activation="elu"), (2, 7, 6, 2)),
    "conv1d_causal_dilation2": forward_values(L.Conv1D(3, 3, padding="causal", dilation_rate=2), (2, 9, 2)),
    "conv1d_same_stride2": forward_values(L.Conv1D(2, 4, strides=2, padding="same", activation="sigmoid"), (2, 9, 3)),
    "conv2d_transpose_same_stride2": forward_values(L.Conv2DTranspose(3, 3, strides=2, padding="same"), (2, 4, 3, 2)),
    "conv2d_transpose_valid_stride23": forward_values(L.Conv2DTranspose(2, (3, 2), strides=(2, 3), activation="relu"), (1, 3, 4, 3)),
    "conv2d_transpose_output_padding": forward_values(L.Conv2DTranspose(2, 3, strides=2, output_padding=1), (1, 3, 3, 2)),
    "max_pooling2d_valid": forward_values(L.MaxPooling2D(2), (2, 5, 7, 3)),
    "max_pooling2d_same_stride": forward_values(L.MaxPooling2D(3, strides=2, padding="same"), (2, 5, 7, 3)),
    "average_pooling2d_valid_stride": forward_values(L.AveragePooling2D((3, 2), strides=(2, 1)), (2, 5, 7, 3)),
    "average_pooling2d_same": forward_values(L.AveragePooling2D(2, padding="same"), (2, 5, 7, 3)),
    "up_sampling2d_nearest": forward_values(L.UpSampling2D((2, 3)), (1, 3, 2, 2)),
    "up_sampling2d_bilinear": forward_values(L.UpSampling2D((2, 3), interpolation="bilinear"), (1, 3, 4, 2)),
    "batch_normalization_training": forward_values(L.BatchNormalization(), (4, 3, 2, 5), training=True, scale=2,
                                                   extra_calls=[("second_input", (6, 3, 2, 5))]),
    "batch_normalization_inference": forward_values(L.BatchNormalization(), (4, 3, 2, 5), scale=2),
    "layer_normalization": forward_values(L.LayerNormalization(), (3, 4, 6), scale=2),
    "simple_rnn_sequences": forward_values(L.SimpleRNN(4, return_sequences=True), (2, 5, 3)),
    "lstm": forward_values(L.LSTM(4), (2, 6, 3)),
    "lstm_sequences_state": forward_values(L.LSTM(3, return_sequences=True, return_state=True), (2, 5, 2)),
    "lstm_backwards_sequences": forward_values(L.LSTM(3, return_sequences=True, go_backwards=True), (2, 5, 2)),
    "gru": forward_values(L.GRU(4), (2, 6, 3)),
    "gru_backwards_sequences_state": forward_values(L.GRU(3, return_sequences=True, return_state=True, go_backwards=True), (2, 5, 2)),
    "bidirectional_lstm_concat_sequences": forward_values(L.Bidirectional(L.LSTM(3, return_sequences=True)), (2, 5, 2)),
    "bidirectional_gru_sum": forward_values(L.Bidirectional(L.GRU(3), merge_mode="sum"), (2, 5, 2)),
    "bidirectional_simple_rnn_mul_sequences": forward_values(L.Bidirectional(L.SimpleRNN(3, return_sequences=True), merge_mode="mul"), (2, 4, 2)),
    "bidirectional_lstm_ave_state": forward_values(L.Bidirectional(L.LSTM(2, return_state=True), merge_mode="ave"), (2, 4, 3)),
}

json.dump(out, open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "keras_models_reference.json"), "w"), indent=1, ensure_ascii=False)
print("wrote keras_models_reference.json with keras", keras.__version__)
