"""The zoo's architectures. Each digits model maps [batch, 1, S, S] inputs (S = 8 or 32) to 10 logits.

Models with a raw-exporter twin also define forward_raw(): the same computation written the way many
users' training code is written (x.view(x.size(0), -1), a Dropout and an Identity kept as explicit
graph nodes), so that the exported graph carries the clutter the graph-optimization lessons remove.
"""

import math

import torch
from torch import nn
from torchvision.models import mobilenet_v2
from torchvision.models.mobilenetv2 import InvertedResidual
from torchvision.ops.misc import Conv2dNormActivation


class _DropoutNode(torch.autograd.Function):
    """Inference-mode Dropout that still appears as an ONNX Dropout node (ratio as a Constant input).

    torch.onnx drops nn.Dropout from eval-mode graphs; files from other exporters often keep it."""

    @staticmethod
    def forward(ctx, x, ratio):
        return x.clone()

    @staticmethod
    def symbolic(g, x, ratio):
        r = g.op("Constant", value_t=torch.tensor(ratio, dtype=torch.float32))
        return g.op("Dropout", x, r)


class _IdentityNode(torch.autograd.Function):
    """nn.Identity, kept as an ONNX Identity node (torch.onnx would trace it away)."""

    @staticmethod
    def forward(ctx, x):
        return x.clone()

    @staticmethod
    def symbolic(g, x):
        return g.op("Identity", x)


def dropout_node(x, ratio):
    return _DropoutNode.apply(x, ratio)


def identity_node(x):
    return _IdentityNode.apply(x)


def conv_bn_relu(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU())


class DigitsCNN(nn.Module):
    """LeNet-style: (Conv-BN-ReLU) x3 with two 2x2 max-pools on 8x8, then two fully connected layers."""

    def __init__(self, widths=(16, 32, 64), hidden=64, dropout=0.1):
        super().__init__()
        c1, c2, c3 = widths
        self.block1 = conv_bn_relu(1, c1)
        self.block2 = conv_bn_relu(c1, c2)
        self.pool1 = nn.MaxPool2d(2)
        self.block3 = conv_bn_relu(c2, c3)
        self.pool2 = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(c3 * 2 * 2, hidden)
        self.relu = nn.ReLU()
        self.dropout = nn.Dropout(dropout)
        self.fc2 = nn.Linear(hidden, 10)

    def features(self, x):
        return self.pool2(self.block3(self.pool1(self.block2(self.block1(x)))))

    def forward(self, x):
        x = torch.flatten(self.features(x), 1)
        return self.fc2(self.dropout(self.relu(self.fc1(x))))

    def forward_raw(self, x):
        x = identity_node(self.features(x))
        x = x.view(x.size(0), -1)
        x = self.relu(self.fc1(x))
        return self.fc2(dropout_node(x, self.dropout.p))


class TinyCNN(nn.Module):
    """The distillation student: one 3x3 conv with 4 channels, a max-pool and one fully connected layer."""

    def __init__(self, channels=4):
        super().__init__()
        self.conv = nn.Conv2d(1, channels, 3, padding=1)
        self.relu = nn.ReLU()
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(channels * 4 * 4, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.relu(self.conv(x))), 1))


class DigitsMobileNet(nn.Module):
    """MobileNetV2-style net for 32x32 inputs: inverted residual blocks (1x1 expand, 3x3 depthwise,
    1x1 linear bottleneck, residual when shapes match) with ReLU6 (Sandler et al. 2018)."""

    # expansion t, output channels c, repeats n, first stride s (the MobileNetV2 table, scaled down)
    SETTING = [(1, 16, 1, 1), (4, 24, 2, 2), (4, 32, 2, 2), (4, 48, 2, 2)]

    def __init__(self, stem=16, last=128, dropout=0.1):
        super().__init__()
        layers = [Conv2dNormActivation(1, stem, stride=2, activation_layer=nn.ReLU6)]
        cin = stem
        for t, c, n, s in self.SETTING:
            for i in range(n):
                layers.append(InvertedResidual(cin, c, s if i == 0 else 1, expand_ratio=t))
                cin = c
        layers.append(Conv2dNormActivation(cin, last, kernel_size=1, activation_layer=nn.ReLU6))
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(nn.Dropout(dropout), nn.Linear(last, 10))

    def forward(self, x):
        return self.classifier(torch.flatten(self.pool(self.features(x)), 1))


class Attention(nn.Module):
    """Multi-head self-attention written out (Vaswani et al. 2017): softmax(Q K^T / sqrt(d)) V."""

    def __init__(self, dim, heads, tokens):
        super().__init__()
        self.dim, self.tokens, self.heads, self.head_dim = dim, tokens, heads, dim // heads
        self.q, self.k, self.v = nn.Linear(dim, dim), nn.Linear(dim, dim), nn.Linear(dim, dim)
        self.proj = nn.Linear(dim, dim)

    def split(self, x):
        # Static sizes and -1 for the batch, so the export needs no Shape/Gather arithmetic.
        return x.reshape(-1, self.tokens, self.heads, self.head_dim).transpose(1, 2)

    def forward(self, x):
        q, k, v = self.split(self.q(x)), self.split(self.k(x)), self.split(self.v(x))
        weights = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(self.head_dim), dim=-1)
        return self.proj((weights @ v).transpose(1, 2).reshape(-1, self.tokens, self.dim))


class EncoderBlock(nn.Module):
    """Pre-norm Transformer encoder block: x + Attn(LN(x)), then x + MLP(LN(x)) with GELU."""

    def __init__(self, dim, heads, mlp, tokens):
        super().__init__()
        self.norm1, self.attn = nn.LayerNorm(dim), Attention(dim, heads, tokens)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, mlp), nn.GELU(), nn.Linear(mlp, dim))

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class DigitsViT(nn.Module):
    """Tiny Vision Transformer (Dosovitskiy et al. 2021) on 8x8: 2x2 patches -> 16 tokens, learned position
    embeddings, two encoder blocks, final LayerNorm, mean over tokens, linear head."""

    def __init__(self, patch=2, dim=48, heads=4, mlp=96, depth=2, size=8):
        super().__init__()
        self.tokens, self.dim = (size // patch) ** 2, dim
        self.embed = nn.Conv2d(1, dim, patch, stride=patch)
        self.pos = nn.Parameter(torch.zeros(1, self.tokens, dim))
        nn.init.trunc_normal_(self.pos, std=0.02)
        self.blocks = nn.Sequential(*[EncoderBlock(dim, heads, mlp, self.tokens) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, 10)

    def forward(self, x):
        x = self.embed(x).reshape(-1, self.dim, self.tokens).transpose(1, 2) + self.pos
        return self.head(self.norm(self.blocks(x)).mean(dim=1))


def imagenet_mobilenet_v2():
    """torchvision's MobileNetV2 (1000 classes), randomly initialized by torchvision's own init."""
    return mobilenet_v2(weights=None)


def mobilenet_v2_forward_raw(model, x):
    """torchvision's MobileNetV2 forward, written raw: view-flatten, an Identity and an explicit Dropout."""
    x = nn.functional.adaptive_avg_pool2d(model.features(x), (1, 1))
    x = identity_node(x)
    x = x.view(x.size(0), -1)
    dropout, linear = model.classifier
    return linear(dropout_node(x, dropout.p))


class RawForward(nn.Module):
    """Wraps a model so that export traces its raw forward (the weights are shared, not copied)."""

    def __init__(self, model, forward_raw):
        super().__init__()
        self.model, self.forward_raw = model, forward_raw

    def forward(self, x):
        return self.forward_raw(self.model, x)
