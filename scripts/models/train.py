"""Deterministic training on the digits: seeded shuffling and augmentation, best epoch chosen on the
validation split (the test split is only ever used to report the final accuracy)."""

import copy
import random

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F


def make_deterministic(seed):
    """Same seed, same bits: one thread, deterministic kernels, seeded generators."""
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def to_input(images, factor=1):
    """uint8 [N, 8, 8] values 0..16 -> float [N, 1, 8*f, 8*f]: divide by 16, nearest-neighbour upsample
    by factor. src/engine/data/digits.ts (modelInput) is the same transform for the app."""
    return upsample(torch.as_tensor(images, dtype=torch.float32).unsqueeze(1) / 16.0, factor)


def random_shift(x, generator, max_shift=1):
    """Shift each 8x8 image by up to max_shift pixels in each direction (zero fill)."""
    n, _, h, w = x.shape
    padded = F.pad(x, (max_shift,) * 4)
    dy = torch.randint(0, 2 * max_shift + 1, (n,), generator=generator)
    dx = torch.randint(0, 2 * max_shift + 1, (n,), generator=generator)
    rows = (dy[:, None] + torch.arange(h))[:, :, None]
    cols = (dx[:, None] + torch.arange(w))[:, None, :]
    return padded[torch.arange(n)[:, None, None], 0, rows, cols].unsqueeze(1)


def upsample(x, factor):
    if factor == 1:
        return x
    return x.repeat_interleave(factor, dim=2).repeat_interleave(factor, dim=3)


@torch.no_grad()
def predict(model, x, batch=256):
    model.eval()
    return torch.cat([model(x[i:i + batch]) for i in range(0, len(x), batch)])


def accuracy(model, x, labels):
    """(correct, total) of argmax predictions."""
    pred = predict(model, x).argmax(1)
    return int((pred == torch.as_tensor(labels, dtype=torch.long)).sum()), len(labels)


def kd_loss(student_logits, teacher_logits, labels, temperature, alpha):
    """Hinton, Vinyals & Dean 2015, "Distilling the Knowledge in a Neural Network": KL divergence between
    the temperature-softened teacher and student distributions, scaled by T^2 so its gradients keep their
    size as T changes, mixed with the ordinary cross-entropy on the hard labels."""
    soft = F.kl_div(
        F.log_softmax(student_logits / temperature, dim=1),
        F.softmax(teacher_logits / temperature, dim=1),
        reduction="batchmean",
    ) * temperature ** 2
    return alpha * soft + (1 - alpha) * F.cross_entropy(student_logits, labels)


def fit(model, data, *, epochs, lr, seed, upsample_factor=1, batch_size=32, weight_decay=1e-4,
        teacher=None, temperature=4.0, alpha=0.9, shift=1, log=print, name="model"):
    """Train with AdamW and a cosine schedule; return the model with the weights of its best validation
    epoch, and a summary. With a teacher, the loss is kd_loss on the teacher's logits for the same batch."""
    make_deterministic(seed)
    generator = torch.Generator().manual_seed(seed)
    x_train = to_input(data["train_images"])
    y_train = torch.as_tensor(data["train_labels"], dtype=torch.long)
    x_val = to_input(data["val_images"], upsample_factor)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    steps = epochs * ((len(x_train) + batch_size - 1) // batch_size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, total_steps=steps)
    if teacher is not None:
        teacher.eval()
    best = (-1, None, 0)
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x_train), generator=generator)
        for i in range(0, len(order), batch_size):
            idx = order[i:i + batch_size]
            xb = x_train[idx]
            if shift:
                xb = random_shift(xb, generator, shift)
            xb = upsample(xb, upsample_factor)
            logits = model(xb)
            if teacher is None:
                loss = F.cross_entropy(logits, y_train[idx])
            else:
                with torch.no_grad():
                    teacher_logits = teacher(xb)
                loss = kd_loss(logits, teacher_logits, y_train[idx], temperature, alpha)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
        correct, total = accuracy(model, x_val, data["val_labels"])
        if correct > best[0]:
            best = (correct, copy.deepcopy(model.state_dict()), epoch + 1)
    model.load_state_dict(best[1])
    model.eval()
    log(f"  {name}: best val {best[0]}/{len(data['val_labels'])} at epoch {best[2]}/{epochs}")
    return model, {"epochs": epochs, "bestEpoch": best[2], "valCorrect": best[0], "valTotal": len(data["val_labels"]),
                   "optimizer": f"AdamW lr {lr} one-cycle, weight decay {weight_decay}, batch {batch_size}",
                   "augmentation": f"random shift up to {shift} px" if shift else "none", "seed": seed}


def calibrate_batchnorm(model, batches):
    """Set BatchNorm running statistics by forwarding batches in train mode with cumulative averaging
    (momentum None), without touching any weight; then switch to eval mode."""
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            m.reset_running_stats()
            m.momentum = None
    model.train()
    with torch.no_grad():
        for b in batches:
            model(b)
    model.eval()
    return model
