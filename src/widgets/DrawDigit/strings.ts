import { defineStrings } from '../../ui/i18n';
import type { CalibrationMethod } from '../../engine';

export const strings = defineStrings({
  en: {
    title: 'Draw a digit: float and int8 read it live',
    subtitle: (label: string, method: string) => `Models: ${label}, float32 and int8 (${method})`,
    canvasLabel:
      'Drawing area. Draw a digit with the mouse, a pen or a finger; the predictions below update as you draw. Without a pointer, pick a test digit instead.',
    clear: 'Clear',
    pick: 'Or pick a test digit:',
    pickDigit: (d: number) => `A test image of a ${d}`,
    another: 'another one',
    seen: 'What the models see (8×8, values 0–16)',
    seenAlt: 'The 8×8 image given to both models',
    idle: 'Draw a digit (or pick a test digit) to load the models.',
    preparing: 'Loading onnxruntime-web and the float model…',
    quantizing: (label: string) => `Quantizing ${label} in the worker (MinMax on the calibration digits)…`,
    ready: 'Ready: draw, and both models answer as the strokes change.',
    failed: (message: string) => `The models could not run: ${message}`,
    fromAbove: 'Using the int8 model made by the side-by-side lab above.',
    own: 'Quantize a digits model in the side-by-side lab above to use your own int8 model here.',
    empty: 'Nothing drawn yet.',
    prediction: (variant: string, digit: number, pct: string) => `${variant}: ${digit} (${pct} %)`,
    float: 'float32',
    int8: 'int8',
    methods: { minmax: 'MinMax', percentile: 'Percentile', entropy: 'Entropy', mse: 'MSE' } satisfies Record<
      CalibrationMethod,
      string
    >,
    tableCaption: 'Probability of each digit (softmax of the logits)',
    colDigit: 'Digit',
    agree: 'Both models agree.',
    disagree: 'The two models disagree on this drawing.',
    caption:
      'The drawing is turned into the 8×8 form of the training data by the engine (digitFromDrawing: the ink’s bounding box scaled to 32×32, then each 4×4 block’s count of inked pixels), exactly as the test images were made. Both models run in onnxruntime-web in a Worker on every change; the bars are the softmax of their logits.',
  },
  zh: {
    title: '手写一个数字：浮点模型与 int8 模型实时识别',
    subtitle: (label: string, method: string) => `模型：${label}，float32 与 int8（${method}）`,
    canvasLabel:
      '绘图区。用鼠标、手写笔或手指写一个数字，下方的预测会随笔画实时更新。没有指针设备时，可以改为选择一张测试图像。',
    clear: '清除',
    pick: '或者选一张测试图像：',
    pickDigit: (d: number) => `数字 ${d} 的一张测试图像`,
    another: '换一张',
    seen: '模型看到的输入（8×8，取值 0–16）',
    seenAlt: '输入两个模型的 8×8 图像',
    idle: '写一个数字（或选一张测试图像）即可加载模型。',
    preparing: '正在加载 onnxruntime-web 和浮点模型…',
    quantizing: (label: string) => `正在 Worker 中量化 ${label}（在校准数字上用 MinMax）…`,
    ready: '准备就绪：边写边看两个模型的回答。',
    failed: (message: string) => `模型无法运行：${message}`,
    fromAbove: '正在使用上方并排对比实验生成的 int8 模型。',
    own: '在上方的并排对比实验中量化一个手写数字模型，就能在这里使用你自己的 int8 模型。',
    empty: '还没有写任何内容。',
    prediction: (variant: string, digit: number, pct: string) => `${variant}：${digit}（${pct} %）`,
    float: 'float32',
    int8: 'int8',
    methods: { minmax: 'MinMax', percentile: '百分位数', entropy: '熵', mse: 'MSE' } satisfies Record<
      CalibrationMethod,
      string
    >,
    tableCaption: '每个数字的概率（logits 的 softmax）',
    colDigit: '数字',
    agree: '两个模型的判断一致。',
    disagree: '两个模型对这幅手写数字的判断不同。',
    caption:
      '手写内容由引擎转换成训练数据的 8×8 形式（digitFromDrawing：把笔迹的外接框缩放到 32×32，再统计每个 4×4 块中有笔迹的像素数），与测试图像的制作方式完全相同。每次笔画变化，两个模型都在 Worker 中的 onnxruntime-web 里运行一次；条形图是其 logits 的 softmax。',
  },
});
