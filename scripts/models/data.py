"""The UCI handwritten digits: load, split (stratified, fixed seed) and write the app's data files.

The images are the 8x8 "optdigits" of the UCI repository, as shipped by scikit-learn: 32x32 NIST bitmaps
cut into 4x4 blocks, each value the number of "on" pixels of its block (0..16). The file format written
here is documented in public/data/README.md and read by src/engine/data/digitSet.ts.
"""

import gzip
import json
import os
import struct

import numpy as np
import sklearn
from sklearn.model_selection import train_test_split

SPLIT_SEED = 20240501
TEST_FRACTION = 0.2
VAL_FRACTION = 0.1
CALIBRATION_PER_CLASS = 10

MAGIC = b"UCID"
FORMAT_VERSION = 1


def digits_csv_path():
    return os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data", "digits.csv.gz")


def load_digits():
    """All 1797 images as uint8 [N, 8, 8] (values 0..16) and labels uint8 [N], in file order."""
    with gzip.open(digits_csv_path(), "rt") as f:
        rows = np.loadtxt(f, delimiter=",", dtype=np.int64)
    images = rows[:, :64].reshape(-1, 8, 8)
    labels = rows[:, 64]
    if images.min() < 0 or images.max() > 16 or labels.min() < 0 or labels.max() > 9:
        raise ValueError("digits.csv.gz: values out of range")
    return images.astype(np.uint8), labels.astype(np.uint8)


def split_indices(labels):
    """Stratified train/val/test indices into the file order, each sorted ascending."""
    every = np.arange(len(labels))
    rest, test = train_test_split(every, test_size=TEST_FRACTION, stratify=labels, random_state=SPLIT_SEED)
    val_size = VAL_FRACTION / (1 - TEST_FRACTION)
    train, val = train_test_split(rest, test_size=val_size, stratify=labels[rest], random_state=SPLIT_SEED + 1)
    return {"train": np.sort(train), "val": np.sort(val), "test": np.sort(test)}


def calibration_indices(labels, train):
    """CALIBRATION_PER_CLASS images per class, drawn from the training split only (never test)."""
    rng = np.random.default_rng(SPLIT_SEED + 2)
    picked = []
    for c in range(10):
        of_class = train[labels[train] == c]
        picked.extend(rng.choice(of_class, size=CALIBRATION_PER_CLASS, replace=False).tolist())
    return np.sort(np.array(picked))


def encode_set(images, labels, indices):
    """Header (16 bytes) + pixels (N*64 uint8) + labels (N uint8) + source indices (N uint16 LE)."""
    n = len(indices)
    header = MAGIC + struct.pack("<IIBBH", FORMAT_VERSION, n, 8, 8, 0)
    return b"".join([
        header,
        images[indices].astype(np.uint8).tobytes(),
        labels[indices].astype(np.uint8).tobytes(),
        indices.astype("<u2").tobytes(),
    ])


def write_data(out_dir, images, labels, split, calib):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "digits-test.bin"), "wb") as f:
        f.write(encode_set(images, labels, split["test"]))
    with open(os.path.join(out_dir, "digits-calib.bin"), "wb") as f:
        f.write(encode_set(images, labels, calib))
    doc = {
        "source": "UCI optdigits via scikit-learn " + sklearn.__version__ + " (sklearn/datasets/data/digits.csv.gz)",
        "count": int(len(labels)),
        "seed": SPLIT_SEED,
        "method": "sklearn.model_selection.train_test_split, stratified by label: test 20%, then val 10% of the whole",
        "counts": {k: int(len(v)) for k, v in split.items()} | {"calibration": int(len(calib))},
        "train": split["train"].tolist(),
        "val": split["val"].tolist(),
        "test": split["test"].tolist(),
        "calibration": calib.tolist(),
    }
    with open(os.path.join(out_dir, "digits-split.json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
