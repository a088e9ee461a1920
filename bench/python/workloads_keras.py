"""Keras' side of bench/compare: the workloads of bench/lua/workloads.lua in Keras 3 on TensorFlow,
written as the course writes them (Sequential, compile, fit / predict with its defaults), on 2 threads.

    bench/.venv/bin/python bench/python/workloads_keras.py NAME [BUDGET_SECONDS]
"""
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

import common  # noqa: E402

tf.config.threading.set_intra_op_parallelism_threads(2)
tf.config.threading.set_inter_op_parallelism_threads(1)
keras.utils.set_random_seed(1)
rng = np.random.default_rng(1)


def same(filters, kernel, activation):
    return layers.Conv2D(filters, kernel, padding="same", activation=activation)


def mnist_cnn():
    return keras.Sequential([keras.Input((28, 28, 1)), same(32, 3, "relu"), layers.MaxPooling2D(2),
                             same(64, 3, "relu"), layers.MaxPooling2D(2), same(64, 3, "relu"), layers.MaxPooling2D(2),
                             layers.Flatten(), layers.Dense(128, activation="relu"), layers.Dense(10, activation="softmax")])


def one_hot(labels, classes):
    return np.eye(classes, dtype=np.float32)[labels]


def floats(*shape):
    return rng.random(shape, dtype=np.float32)


def workload(name):
    """The model, its loss, the batch size and one epoch's data (y None: inference)."""
    if name == "mnist_cnn":
        return mnist_cnn(), "categorical_crossentropy", 64, floats(1280, 28, 28, 1), one_hot(rng.integers(0, 10, 1280), 10)
    if name == "mnist_cnn_infer":
        return mnist_cnn(), "categorical_crossentropy", 256, floats(2560, 28, 28, 1), None
    if name == "lstm":
        model = keras.Sequential([keras.Input((140, 1)), layers.LSTM(50), layers.Dense(1, activation="sigmoid")])
        x = rng.standard_normal((640, 140, 1), dtype=np.float32)
        return model, "binary_crossentropy", 32, x, rng.integers(0, 2, (640, 1)).astype(np.float32)
    if name == "mlp":
        model = keras.Sequential([keras.Input((1000,)), layers.Dense(64, activation="relu"),
                                  layers.Dense(64, activation="relu"), layers.Dense(46, activation="softmax")])
        x = rng.integers(0, 2, (8192, 1000)).astype(np.float32)
        return model, "categorical_crossentropy", 512, x, one_hot(rng.integers(0, 46, 8192), 46)
    if name == "colorize_ae":  # the homework's network, as in bench/lua/workloads.lua
        model = keras.Sequential([keras.Input((100, 100, 1)), same(256, 5, "relu"), layers.MaxPooling2D(2),
                                  same(128, 3, "tanh"), layers.MaxPooling2D(2), same(64, 3, "tanh"),
                                  layers.UpSampling2D(2), same(128, 3, "tanh"), layers.UpSampling2D(2),
                                  same(3, 3, "relu")])
        return model, "mse", 10, floats(20, 100, 100, 1), floats(20, 100, 100, 3)
    if name == "word2vec":
        model = keras.Sequential([keras.Input((1,), dtype="int64"), layers.Embedding(2000, 64), layers.Flatten(),
                                  layers.Dense(2000, activation="softmax")])
        return model, "sparse_categorical_crossentropy", 256, rng.integers(0, 2000, (8192, 1)), rng.integers(0, 2000, 8192)
    raise SystemExit(f"unknown workload {name}")


def main():
    name, budget = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    if name == "sgemm":
        a, b = tf.random.uniform((2048, 2048)), tf.random.uniform((2048, 2048))
        print(f"version=Keras_{keras.__version__}_on_TensorFlow_{tf.__version__}")
        common.sgemm(lambda: tf.linalg.matmul(a, b).numpy())
        return
    model, loss, batch_size, x, y = workload(name)
    model.compile(optimizer="adam", loss=loss)

    def fit(epochs):
        model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0)

    def predict(epochs):
        for _ in range(epochs):
            model.predict(x, batch_size=batch_size, verbose=0)

    common.throughput(fit if y is not None else predict, len(x), budget)


if __name__ == "__main__":
    main()
