"""What each model is for: the lessons that use it (keys "<chapter folder>/<syllabus slug>", from
content/*/chapter.yaml) and a one-line description in Chinese and English."""

LESSONS = {
    "digits-cnn": [
        "01-inference-systems/training-vs-inference",
        "01-inference-systems/workflow",
        "02-small-models/metrics",
        "03-compression/low-bit-quantization",
        "03-compression/ptq-deployment",
        "03-compression/pruning",
        "05-kernels/convolution-basics",
    ],
    "digits-cnn-raw": [
        "04-conversion-optimization/converter-overview",
        "04-conversion-optimization/graph-ir",
        "04-conversion-optimization/optimization-strategy",
        "04-conversion-optimization/constant-folding",
        "04-conversion-optimization/operator-fusion",
    ],
    "digits-mobilenet": [
        "02-small-models/metrics",
        "02-small-models/cnn-small-models",
        "03-compression/ptq-deployment",
    ],
    "digits-vit": [
        "02-small-models/small-transformers",
    ],
    "digits-teacher": [
        "03-compression/distillation-principle",
        "03-compression/distillation-algorithms",
    ],
    "digits-student": [
        "03-compression/distillation-principle",
        "03-compression/distillation-algorithms",
    ],
    "digits-student-kd": [
        "03-compression/distillation-principle",
        "03-compression/distillation-algorithms",
    ],
    "mobilenetv2-224": [
        "01-inference-systems/engine-architecture",
        "02-small-models/metrics",
        "02-small-models/cnn-small-models",
        "04-conversion-optimization/layout-memory",
        "06-runtime/concurrency-memory",
    ],
    "mobilenetv2-224-raw": [
        "04-conversion-optimization/optimization-strategy",
        "04-conversion-optimization/constant-folding",
        "04-conversion-optimization/operator-fusion",
    ],
}

DESCRIPTIONS = {
    "digits-cnn": {
        "zh": "LeNet 风格的小型 CNN（三组 Conv-BN-ReLU、两次池化、两个全连接层），识别 8×8 手写数字。",
        "en": "A small LeNet-style CNN (three Conv-BN-ReLU blocks, two poolings, two fully connected layers) for 8×8 handwritten digits.",
    },
    "digits-cnn-raw": {
        "zh": "与 digits-cnn 权重相同，但按“未优化”的方式导出：BatchNorm 独立成节点，保留 Dropout、Identity 和 Shape→Gather→Unsqueeze→Concat→Reshape 链，供计算图优化实验使用。",
        "en": "The same weights as digits-cnn, exported unoptimized: BatchNorm as separate nodes, with Dropout, Identity and Shape→Gather→Unsqueeze→Concat→Reshape chains left in, for the graph-optimization labs.",
    },
    "digits-mobilenet": {
        "zh": "MobileNetV2 风格的轻量网络（倒残差块、深度可分离卷积、ReLU6），输入为最近邻放大到 32×32 的手写数字。",
        "en": "A MobileNetV2-style compact net (inverted residuals, depthwise separable convolutions, ReLU6) on digits upsampled to 32×32 by nearest neighbour.",
    },
    "digits-vit": {
        "zh": "微型 Vision Transformer：2×2 图块嵌入、两个编码器块（LayerNorm、多头自注意力、GELU MLP），识别 8×8 手写数字。",
        "en": "A tiny Vision Transformer: 2×2 patch embedding and two encoder blocks (LayerNorm, multi-head self-attention, GELU MLP) on 8×8 digits.",
    },
    "digits-teacher": {
        "zh": "知识蒸馏中的教师模型：加宽的 LeNet 风格 CNN。",
        "en": "The teacher for knowledge distillation: a wider LeNet-style CNN.",
    },
    "digits-student": {
        "zh": "只用真实标签训练的微型学生模型（一个 4 通道卷积加一个全连接层），作为蒸馏的对照。",
        "en": "A tiny student (one 4-channel convolution and one fully connected layer) trained on the hard labels only: the baseline for distillation.",
    },
    "digits-student-kd": {
        "zh": "结构与 digits-student 相同，但用教师模型的软目标（温度 T）进行知识蒸馏训练。",
        "en": "The same architecture as digits-student, trained by knowledge distillation on the teacher's soft targets (temperature T).",
    },
    "mobilenetv2-224": {
        "zh": "torchvision 的 MobileNetV2 结构（1×3×224×224），随机权重加校准过的 BatchNorm 统计量，用于真实规模的时延、内存与计算图规模演示。",
        "en": "torchvision's MobileNetV2 architecture at 1×3×224×224 with random weights and calibrated BatchNorm statistics, for realistic latency, memory and graph-size demos.",
    },
    "mobilenetv2-224-raw": {
        "zh": "与 mobilenetv2-224 权重相同的未优化导出：BatchNorm 独立成节点，不做常量折叠，保留 Dropout、Identity 与形状计算链。",
        "en": "The same weights as mobilenetv2-224, exported unoptimized: BatchNorm as separate nodes, no constant folding, Dropout, Identity and shape-computation chains left in.",
    },
}
