"""Train, export and describe the model zoo: public/data/* and public/models/* (see the READMEs there).

Usage: /usr/bin/python3 scripts/models/zoo.py [--only id,id...]
  --only rebuilds just the groups holding those models and updates their manifest entries in place.
Deterministic: fixed seeds, one thread, deterministic kernels; the split is written out as indices.
"""

import argparse
import json
import os
import sys
import time
import warnings

import onnx
import sklearn
import torch
from torch.nn import functional as F

import data
import export
import nets
import train
from catalog import DESCRIPTIONS, LESSONS

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODELS = os.path.join(ROOT, "public", "models")
DATA = os.path.join(ROOT, "public", "data")
MANIFEST = os.path.join(MODELS, "manifest.json")

DIGITS_8 = {"kind": "digits", "layout": "NCHW", "size": 8, "divideBy": 16, "upsample": 1}
DIGITS_32 = {"kind": "digits", "layout": "NCHW", "size": 32, "divideBy": 16, "upsample": 4}


def log(*args):
    print(*args, flush=True)


def accuracy_entry(model, digits, upsample):
    correct, total = train.accuracy(model, train.to_input(digits["test_images"], upsample), digits["test_labels"])
    return {"split": "test", "correct": correct, "total": total, "percent": round(100 * correct / total, 2)}


def entry(model_id, path, *, accuracy, preprocessing, weights, training=None, extra=None):
    """A manifest entry: the file's facts (export.describe) plus what the script knows about the model."""
    facts = export.describe(path)
    out = {"id": model_id, **facts, "dataset": "uci-digits" if preprocessing["kind"] == "digits" else None,
           "preprocessing": preprocessing, "weights": weights, "accuracy": accuracy}
    if training is not None:
        out["training"] = training
    out.update(extra or {})
    out["lessons"] = LESSONS[model_id]
    out["description"] = DESCRIPTIONS[model_id]
    log(f"  {model_id}: {facts['bytes']} bytes, {facts['params']} params, {facts['macs']} MACs, "
        f"accuracy {str(accuracy['percent']) + '%' if accuracy else 'n/a (random weights)'}")
    return out


def trained_entry(model_id, model, digits, preprocessing, training, raw_forward=None, extra=None):
    path = os.path.join(MODELS, f"{model_id}.onnx")
    example = torch.zeros(1, 1, preprocessing["size"], preprocessing["size"])
    exported = nets.RawForward(model, raw_forward) if raw_forward else model
    export.export(exported, path, example, raw=raw_forward is not None)
    accuracy = accuracy_entry(exported, digits, preprocessing["upsample"])
    weights = "trained on the UCI digits training split" if raw_forward is None else \
        "the same trained weights as its clean twin"
    return entry(model_id, path, accuracy=accuracy, preprocessing=preprocessing, weights=weights,
                 training=training, extra=extra)


def build_cnn(digits):
    train.make_deterministic(1)
    model, info = train.fit(nets.DigitsCNN(), digits, epochs=40, lr=3e-3, seed=1, log=log, name="digits-cnn")
    clean = trained_entry("digits-cnn", model, digits, DIGITS_8, info)
    raw = trained_entry("digits-cnn-raw", model, digits, DIGITS_8, info, raw_forward=nets.DigitsCNN.forward_raw,
                        extra={"twinOf": "digits-cnn"})
    export.check_raw_twin(os.path.join(MODELS, "digits-cnn-raw.onnx"), os.path.join(MODELS, "digits-cnn.onnx"))
    return [clean, raw]


def build_mobilenet(digits):
    train.make_deterministic(2)
    model, info = train.fit(nets.DigitsMobileNet(), digits, epochs=30, lr=5e-3, seed=2, upsample_factor=4, log=log,
                            name="digits-mobilenet")
    return [trained_entry("digits-mobilenet", model, digits, DIGITS_32, info)]


def build_vit(digits):
    train.make_deterministic(3)
    model, info = train.fit(nets.DigitsViT(), digits, epochs=60, lr=3e-3, seed=3, log=log, name="digits-vit")
    return [trained_entry("digits-vit", model, digits, DIGITS_8, info)]


# Distillation hyper-parameters are chosen on the validation split from this small grid (never on test).
KD_GRID = [(2.0, 0.5), (2.0, 0.9), (4.0, 0.5), (4.0, 0.9)]


def build_distillation(digits):
    train.make_deterministic(4)
    teacher, teacher_info = train.fit(nets.DigitsCNN((32, 64, 128), hidden=128, dropout=0.2), digits, epochs=40,
                                      lr=3e-3, seed=4, log=log, name="digits-teacher")
    student_epochs, student_lr, student_seed = 40, 1e-2, 5

    def student(**kd):
        train.make_deterministic(student_seed)
        return train.fit(nets.TinyCNN(), digits, epochs=student_epochs, lr=student_lr, seed=student_seed, log=log,
                         **kd)

    plain, plain_info = student(name="digits-student")
    candidates = []
    for temperature, alpha in KD_GRID:
        model, info = student(teacher=teacher, temperature=temperature, alpha=alpha,
                              name=f"digits-student-kd T={temperature} alpha={alpha}")
        candidates.append((info["valCorrect"], -len(candidates), model, info, temperature, alpha))
    _, _, kd, kd_info, temperature, alpha = max(candidates, key=lambda c: c[:2])
    kd_info["distillation"] = {
        "teacher": "digits-teacher", "temperature": temperature, "alpha": alpha,
        "loss": "alpha * T^2 * KL(softmax(teacher/T) || softmax(student/T)) + (1 - alpha) * cross-entropy (Hinton et al. 2015)",
        "selection": "T and alpha chosen by validation accuracy from " + json.dumps(KD_GRID) + " (first best wins)",
        "grid": [{"temperature": t, "alpha": a, "valCorrect": c[3]["valCorrect"]} for (t, a), c in zip(KD_GRID, candidates)],
    }
    return [
        trained_entry("digits-teacher", teacher, digits, DIGITS_8, teacher_info),
        trained_entry("digits-student", plain, digits, DIGITS_8, plain_info),
        trained_entry("digits-student-kd", kd, digits, DIGITS_8, kd_info, extra={"distilledFrom": "digits-teacher"}),
    ]


def synthetic_images(generator, n):
    """Seeded structured inputs: smooth random fields (7x7 noise, bilinearly upsampled) plus fine noise,
    roughly zero-mean and unit-variance per channel like ImageNet-normalized photos."""
    smooth = F.interpolate(torch.randn(n, 3, 7, 7, generator=generator), size=224, mode="bilinear",
                           align_corners=False)
    return smooth + 0.5 * torch.randn(n, 3, 224, 224, generator=generator)


MOBILENET_CALIBRATION = {"seed": 6, "batches": 4, "batchSize": 8}


def build_mobilenet_224(_digits):
    c = MOBILENET_CALIBRATION
    train.make_deterministic(c["seed"])
    model = nets.imagenet_mobilenet_v2()
    generator = torch.Generator().manual_seed(c["seed"])
    train.calibrate_batchnorm(model, [synthetic_images(generator, c["batchSize"]) for _ in range(c["batches"])])
    weights = (f"random initialization (torchvision's default init, torch seed {c['seed']}); BatchNorm running "
               f"statistics calibrated by forwarding {c['batches']} batches of {c['batchSize']} seeded synthetic "
               "3x224x224 images (smooth random fields plus noise, about zero mean and unit variance) in train "
               "mode with cumulative averaging. Not trained: the 1000 outputs carry no meaning.")
    preprocessing = {"kind": "synthetic", "layout": "NCHW", "channels": 3, "size": 224}
    example = torch.zeros(1, 3, 224, 224)
    out = []
    for model_id, raw in [("mobilenetv2-224", None), ("mobilenetv2-224-raw", nets.mobilenet_v2_forward_raw)]:
        path = os.path.join(MODELS, f"{model_id}.onnx")
        export.export(nets.RawForward(model, raw) if raw else model, path, example, raw=raw is not None)
        out.append(entry(model_id, path, accuracy=None, preprocessing=preprocessing, weights=weights,
                         extra={"twinOf": "mobilenetv2-224"} if raw else None))
    export.check_raw_twin(os.path.join(MODELS, "mobilenetv2-224-raw.onnx"), os.path.join(MODELS, "mobilenetv2-224.onnx"))
    return out


# The manifest lists the models in this order.
GROUPS = [
    (["digits-cnn", "digits-cnn-raw"], build_cnn),
    (["digits-mobilenet"], build_mobilenet),
    (["digits-vit"], build_vit),
    (["digits-teacher", "digits-student", "digits-student-kd"], build_distillation),
    (["mobilenetv2-224", "mobilenetv2-224-raw"], build_mobilenet_224),
]


def load_digits_split():
    images, labels = data.load_digits()
    split = data.split_indices(labels)
    calib = data.calibration_indices(labels, split["train"])
    data.write_data(DATA, images, labels, split, calib)
    return {f"{k}_{what}": arr[idx] for k, idx in split.items() for what, arr in (("images", images), ("labels", labels))}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="comma-separated model ids to rebuild")
    args = parser.parse_args()
    only = {s for s in args.only.split(",") if s}
    known = {i for ids, _ in GROUPS for i in ids}
    if only - known:
        sys.exit(f"unknown model ids: {sorted(only - known)}; known: {sorted(known)}")
    warnings.filterwarnings("ignore", category=FutureWarning)  # torch 1.13's own deprecation notes on g.op
    os.makedirs(MODELS, exist_ok=True)
    digits = load_digits_split()
    previous = {}
    if only and os.path.exists(MANIFEST):
        with open(MANIFEST) as f:
            previous = {m["id"]: m for m in json.load(f)["models"]}
    entries = {}
    for ids, build in GROUPS:
        if only and not only & set(ids):
            entries.update({i: previous[i] for i in ids if i in previous})
            continue
        start = time.time()
        log(f"building {', '.join(ids)}")
        entries.update({e["id"]: e for e in build(digits)})
        log(f"  ({time.time() - start:.0f} s)")
    manifest = {
        "version": 1,
        "generator": "scripts/models/zoo.py (npm run models)",
        "tools": {"torch": torch.__version__, "onnx": onnx.__version__, "sklearn": sklearn.__version__},
        "datasets": {
            "uci-digits": {
                "source": "UCI optdigits 8x8 (1797 images, values 0..16), from scikit-learn's digits.csv.gz",
                "classes": 10,
                "test": "../data/digits-test.bin",
                "calibration": "../data/digits-calib.bin",
                "split": "../data/digits-split.json",
            }
        },
        "models": [entries[i] for ids, _ in GROUPS for i in ids if i in entries],
    }
    with open(MANIFEST, "w") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")
    total = sum(m["bytes"] for m in manifest["models"])
    log(f"wrote {MANIFEST}: {len(manifest['models'])} models, {total} bytes of ONNX")


if __name__ == "__main__":
    main()
