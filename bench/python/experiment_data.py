"""The data of the experiments' twins (experiments.py for PyTorch, experiments_keras.py for Keras), read
and prepared as scripts/*.lua do, with NumPy only so that neither twin loads the other's framework.
Images are N x H x W x C float32."""
import gzip
import struct

import numpy as np


def ecg(folder):
    """All 5,000 ECG5000 beats as x (N x 140 x 1) and y (N x 1, 1 = normal), and the seeded 75/25 split
    as (train rows, test rows)."""
    rows = []
    for name in ["ECG5000_TRAIN.tsv.gz", "ECG5000_TEST.tsv.gz"]:
        with gzip.open(folder / "ecg5000" / name, "rt") as file:
            rows += [[float(v) for v in line.split()] for line in file if line.strip()]
    table = np.array(rows, dtype=np.float32)
    x, y = table[:, 1:, None], (table[:, 0] == 1).astype(np.float32)[:, None]
    order = np.random.default_rng(42).permutation(len(x))
    test_count = int(np.ceil(len(x) * 0.25))
    return x, y, order[test_count:], order[:test_count]


def read_idx(path):
    with gzip.open(path, "rb") as file:
        data = file.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def mnist(folder, full):
    """The settings (train count, test count, epochs) and the digits as (images in [0, 1], N x 28 x 28 x 1;
    labels) for training and testing."""
    settings = (60000, 10000, 15) if full else (10000, 2000, 8)
    train_count, test_count, _ = settings

    def split(prefix, count):
        images = read_idx(folder / "mnist" / f"{prefix}-images-idx3-ubyte.gz")[:count]
        labels = read_idx(folder / "mnist" / f"{prefix}-labels-idx1-ubyte.gz")[:count]
        return images.astype(np.float32)[..., None] / 255, labels.astype(np.int64)
    return settings, split("train", train_count), split("t10k", test_count)


def patches(images, size, count, region, holdout, rng):
    """As data.patches: for each patch an image drawn uniformly, then a position uniformly inside the
    image's region (the rows above its bottom `holdout` fraction for training, those rows for testing)."""
    out = np.empty((count, size, size, 3), dtype=np.float32)
    for i in range(count):
        image = images[rng.integers(len(images))]
        rows, held = image.shape[0], int(round(image.shape[0] * holdout))
        top_rows, bottom_rows = (0, rows - held) if region == "train" else (rows - held, rows)
        top = top_rows + rng.integers(bottom_rows - top_rows - size + 1)
        left = rng.integers(image.shape[1] - size + 1)
        out[i] = image[top:top + size, left:left + size]
    return out


def colorize(folder, full):
    """The settings (patch size, width, train count, test count, epochs), the number of photographs and
    the colour patches for training and testing (N x size x size x 3)."""
    from PIL import Image
    settings = (48, 32, 8000, 1000, 10) if full else (32, 16, 1600, 400, 5)
    size, _, train_count, test_count, _ = settings
    paths = sorted((folder / "images").glob("*.png"))
    images = [np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255 for path in paths]
    rng = np.random.default_rng(7)
    y_train = patches(images, size, train_count, "train", 0.3, rng)
    y_test = patches(images, size, test_count, "test", 0.3, rng)
    return settings, len(paths), y_train, y_test


def grey(rgb):
    """ITU-R 601 luma, as data.grey: N x H x W x 3 to N x H x W x 1."""
    return (rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32))[..., None]


def word2vec_pairs(folder):
    """What bench/lua/word2vec_pairs.lua wrote: centers, contexts, the negatives' probabilities, words."""
    probabilities = np.load(folder / "negatives.npy")
    words = (folder / "words.txt").read_text().split("\n")[:len(probabilities)]
    return np.load(folder / "centers.npy"), np.load(folder / "contexts.npy"), probabilities, words
