# Exports tiny-cnn.onnx: a small CNN with random (seeded) weights, written by PyTorch's exporter, so that the
# engine's tests and its fuzz test see what real exported files contain (folded BatchNorm, Clip bounds as
# Constant nodes, the Shape → Gather → Unsqueeze → Concat → Reshape chain of x.view(x.size(0), -1), a
# symbolic batch dim). Run with Debian's /usr/bin/python3 (python3-torch): /usr/bin/python3 tiny_cnn.py
import torch
from torch import nn

torch.manual_seed(0)


class TinyCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU6())
        self.depthwise = nn.Conv2d(8, 8, 3, stride=2, padding=1, groups=8)
        self.pointwise = nn.Conv2d(8, 16, 1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = self.stem(x)
        x = torch.relu(self.pointwise(self.depthwise(x)))
        x = self.pool(x)
        x = x.view(x.size(0), -1)
        return torch.softmax(self.fc(x), dim=1)


model = TinyCNN().eval()
with torch.no_grad():  # give BatchNorm non-trivial statistics to fold
    model.stem[1].running_mean.uniform_(-0.5, 0.5)
    model.stem[1].running_var.uniform_(0.5, 2.0)
torch.onnx.export(
    model,
    torch.randn(1, 3, 16, 16),
    "tiny-cnn.onnx",
    opset_version=13,
    input_names=["image"],
    output_names=["probabilities"],
    dynamic_axes={"image": {0: "batch"}, "probabilities": {0: "batch"}},
)
