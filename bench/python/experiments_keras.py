"""The Keras twins of scripts/ecg_lstm.lua, mnist_gradcam.lua, colorize.lua (the RGB network) and
word2vec_reuters.lua (negative sampling), quick settings: the same data, model, optimizer, batch size,
validation split, callbacks and epochs as the scripts and experiments.py (PyTorch), in Keras 3 on
TensorFlow with 2 threads. Run with bench/.venv/bin/python:

    bench/.venv/bin/python bench/python/experiments_keras.py ecg|mnist|colorize [DATA]
    bench/.venv/bin/python bench/python/experiments_keras.py word2vec [PAIRS]
DATA and PAIRS as for experiments.py. Each ends with train_seconds=... epochs=... samples=...
"""
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

import experiment_data  # noqa: E402

tf.config.threading.set_intra_op_parallelism_threads(2)
tf.config.threading.set_inter_op_parallelism_threads(1)
keras.utils.set_random_seed(42)


def timed_fit(model, x, y, **options):
    """model.fit with the scripts' validation split; prints and returns what bench/compare reads."""
    start = time.perf_counter()
    history = model.fit(x, y, validation_split=0.1, verbose=2, **options)
    seconds = time.perf_counter() - start
    epochs = len(history.history["loss"])
    rows = int(len(x) * 0.9)  # the rows left for training by validation_split
    print(f"train_seconds={seconds:.4f} epochs={epochs} samples={epochs * rows}", flush=True)
    return seconds


def ecg(folder):
    x, y, train, test = experiment_data.ecg(folder)
    model = keras.Sequential([keras.Input((140, 1)), layers.LSTM(50), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    seconds = timed_fit(model, x[train], y[train], epochs=10, batch_size=32, shuffle=True)
    accuracy = model.evaluate(x[test], y[test], verbose=0)[1]
    print(f"Keras ECG LSTM: 10 epochs in {seconds:.1f} s, test accuracy {accuracy:.4f}")


def mnist(folder):
    (train_count, _, epochs), (images, labels), (test_images, test_labels) = experiment_data.mnist(folder, False)

    def same(filters):
        return layers.Conv2D(filters, 3, padding="same", activation="relu")
    model = keras.Sequential([keras.Input((28, 28, 1)), same(32), layers.MaxPooling2D(2), same(64), layers.MaxPooling2D(2),
                              same(64), layers.MaxPooling2D(2), layers.Flatten(), layers.Dense(128, activation="relu"),
                              layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    seconds = timed_fit(model, images, keras.utils.to_categorical(labels, 10), epochs=epochs, batch_size=64)
    accuracy = float(np.mean(model.predict(test_images, batch_size=256, verbose=0).argmax(1) == test_labels))
    print(f"Keras MNIST CNN: {epochs} epochs on {train_count} digits in {seconds:.1f} s, test accuracy {accuracy:.4f}")


def colorize(folder):
    (size, w, _, _, epochs), photographs, y_train, y_test = experiment_data.colorize(folder, False)
    x_train, x_test = experiment_data.grey(y_train), experiment_data.grey(y_test)

    def same(filters, activation="relu"):
        return layers.Conv2D(filters, 3, padding="same", activation=activation)
    model = keras.Sequential([keras.Input((size, size, 1)), same(w), layers.MaxPooling2D(2), same(2 * w),
                              layers.MaxPooling2D(2), same(4 * w), layers.UpSampling2D(2), same(2 * w),
                              layers.UpSampling2D(2), same(w), same(3, "sigmoid")])
    model.compile(optimizer="adam", loss="mse")
    callbacks = [keras.callbacks.ReduceLROnPlateau(factor=0.5, patience=1),
                 keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)]
    seconds = timed_fit(model, x_train, y_train, epochs=epochs, batch_size=32, callbacks=callbacks)
    baseline = float(np.mean((x_test - y_test) ** 2))
    test_mse = float(np.mean((model.predict(x_test, verbose=0) - y_test) ** 2))
    print(f"Keras colorize (RGB network, {photographs} photographs): {seconds:.1f} s, test MSE {test_mse:.5f} "
          f"against the grey baseline {baseline:.5f}: {100 * (1 - test_mse / baseline):.1f}% lower")


def word2vec(folder, dim=50, negatives=5, epochs=5, batch=256, learning_rate=0.1):
    """The negative-sampling loop as a Keras user writes a custom one: two keras.Variable tables, the
    rows a batch uses gathered, the sum of softplus(-s) over true pairs and softplus(s) over negatives,
    a GradientTape in a tf.function, SGD with a learning rate decaying linearly."""
    centers, contexts, probabilities, words = experiment_data.word2vec_pairs(folder)
    vocabulary, count = len(probabilities), len(centers)
    rng = np.random.default_rng(42)
    w_in = keras.Variable(((rng.random((vocabulary, dim)) - 0.5) / dim).astype(np.float32))
    w_out = keras.Variable(np.zeros((vocabulary, dim), dtype=np.float32))
    steps_total = epochs * -(-count // batch)
    schedule = keras.optimizers.schedules.PolynomialDecay(learning_rate, steps_total, learning_rate * 1e-4)
    optimizer = keras.optimizers.SGD(learning_rate=schedule)
    logits = tf.math.log(tf.constant(probabilities[None, :]))
    signs = tf.constant([[1.0] + [-1.0] * negatives])

    @tf.function
    def step(center, context):
        n = tf.shape(center)[0]
        sampled = tf.reshape(tf.random.categorical(logits, n * negatives), (n, negatives))
        rows_out = tf.concat([context[:, None], sampled], 1)
        with tf.GradientTape() as tape:
            u = tf.gather(w_in, center)
            v = tf.gather(w_out, rows_out)
            loss = tf.reduce_sum(tf.math.softplus(-tf.reduce_sum(v * u[:, None, :], 2) * signs))
        optimizer.apply_gradients(zip(tape.gradient(loss, [w_in, w_out]), [w_in, w_out]))
        return loss

    start = time.perf_counter()
    for epoch in range(epochs):
        order = rng.permutation(count)
        epoch_centers, epoch_contexts = centers[order], contexts[order]
        total = 0.0
        for first in range(0, count, batch):
            total += float(step(epoch_centers[first:first + batch], epoch_contexts[first:first + batch]))
        print(f"epoch {epoch + 1}/{epochs}  loss {total / count:.4f}  ({time.perf_counter() - start:.0f} s)", flush=True)
    seconds = time.perf_counter() - start
    unit = w_in.numpy() / (np.linalg.norm(w_in.numpy(), axis=1, keepdims=True) + 1e-8)
    for word in ["wheat", "crude"]:
        similarities = unit @ unit[words.index(word)]
        similarities[0] = similarities[words.index(word)] = -np.inf
        print(f"  {word} -> {', '.join(words[i] for i in np.argsort(-similarities)[:10])}")
    print(f"Keras word2vec (negative sampling): {epochs} epochs on {count} pairs in {seconds:.1f} s")
    print(f"train_seconds={seconds:.4f} epochs={epochs} samples={epochs * count}", flush=True)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    root = Path(__file__).resolve().parents[2]
    default = root / ("bench/.word2vec" if arguments[0] == "word2vec" else "data")
    folder = Path(arguments[1]) if len(arguments) > 1 else default
    {"ecg": ecg, "mnist": mnist, "colorize": colorize, "word2vec": word2vec}[arguments[0]](folder)
