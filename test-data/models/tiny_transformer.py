# Exports tiny-transformer.onnx: one pre-norm Transformer encoder block (multi-head self-attention and an MLP,
# d_model 16, 2 heads) with random (seeded) weights, written by PyTorch's exporter, for the engine's tests and
# fuzz test (MatMul with batch dims, Softmax, LayerNorm, Erf-GELU, Reshape/Transpose chains, symbolic dims).
# Run with Debian's /usr/bin/python3 (python3-torch): /usr/bin/python3 tiny_transformer.py
import math

import torch
from torch import nn

torch.manual_seed(0)
D, HEADS = 16, 2


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1 = nn.LayerNorm(D)
        self.qkv = nn.Linear(D, 3 * D)
        self.proj = nn.Linear(D, D)
        self.norm2 = nn.LayerNorm(D)
        self.mlp = nn.Sequential(nn.Linear(D, 4 * D), nn.GELU(), nn.Linear(4 * D, D))

    def forward(self, x):
        b, t, _ = x.shape
        q, k, v = self.qkv(self.norm1(x)).reshape(b, t, 3, HEADS, D // HEADS).permute(2, 0, 3, 1, 4).unbind(0)
        attention = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(D // HEADS), dim=-1)
        x = x + self.proj((attention @ v).transpose(1, 2).reshape(b, t, D))
        return x + self.mlp(self.norm2(x))


torch.onnx.export(
    Block().eval(),
    torch.randn(1, 5, D),
    "tiny-transformer.onnx",
    opset_version=17,
    input_names=["tokens"],
    output_names=["features"],
    dynamic_axes={"tokens": {0: "batch", 1: "sequence"}, "features": {0: "batch", 1: "sequence"}},
)
