import { defineStrings } from '../../ui/i18n';
import type { CalibrationMethod, QuantizeStage } from '../../engine';

const methodsEn: Record<CalibrationMethod, string> = {
  minmax: 'MinMax',
  percentile: 'Percentile (99.99 %)',
  entropy: 'Entropy (KL, TensorRT)',
  mse: 'MSE',
};
const methodsZh: Record<CalibrationMethod, string> = {
  minmax: 'MinMax',
  percentile: '百分位数（99.99 %）',
  entropy: '熵（KL 散度，TensorRT）',
  mse: 'MSE',
};

export const strings = defineStrings({
  en: {
    title: 'Float vs int8, side by side: quantized in your browser, measured on your machine',
    subtitle:
      'The engine quantizes the model to the QDQ format in a Worker (calibrating with onnxruntime-web); then onnxruntime-web runs both models.',
    model: 'Model',
    ownModel: 'Your own CNN (.onnx)…',
    chooseFile: 'ONNX file',
    method: 'Calibration method',
    methods: methodsEn,
    perChannel: 'Weights per output channel',
    runs: 'Timed runs per batch size',
    start: 'Quantize and compare',
    again: 'Quantize and compare again',
    cancel: 'Cancel',
    download: 'Download the int8 model',
    idle: 'Choose a model and a calibration method, then press “Quantize and compare”.',
    noFile: 'Choose an .onnx file first.',
    loading: 'Loading the model and the digits…',
    open: 'Reading the model in the quantization worker…',
    stage: {
      calibrate: (done: number, total: number) =>
        done === 0
          ? 'Calibrating: loading the float model into onnxruntime-web…'
          : `Calibrating: batch ${done} of ${total} through the float model`,
      rewrite: () => 'Rewriting the graph into QDQ (QuantizeLinear → DequantizeLinear pairs)',
      analyze: (done: number, total: number) =>
        done === 0
          ? 'Measuring each layer’s error: loading the int8 model into onnxruntime-web…'
          : `Measuring each layer’s error: batch ${done} of ${total}`,
    } satisfies Record<QuantizeStage, (done: number, total: number) => string>,
    compareLoad: (variant: string) => `Loading the ${variant} model into onnxruntime-web…`,
    evaluate: (variant: string, n: number) => `Running the ${variant} model on ${n} images…`,
    latency: (variant: string, batch: number, done: number, total: number) =>
      `Timing ${variant} at batch ${batch}: run ${done} of ${total}`,
    done: (seconds: string) =>
      `Done. Quantization took ${seconds} s in the worker, including starting onnxruntime-web.`,
    cancelled: 'Cancelled. Nothing was kept from the run that was stopped.',
    failed: (message: string) => `It did not work: ${message}`,
    badFile: (message: string) => `This file cannot be used: ${message}`,
    tooBig: (mb: number, limit: number) => `The file has ${mb} MB; this lab takes models up to ${limit} MB.`,
    progress: 'Progress of the current step',
    steps: ['Quantize', 'Evaluate', 'Time'],
    float: 'float32',
    int8: 'int8 (QDQ)',
    summaryCaption: 'Measured in this run',
    rowAccuracy: (n: number) => `Accuracy on the ${n} test digits`,
    rowAgreement: (n: number) => `Top-1 agreement with float on ${n} synthetic images`,
    rowSize: 'Model file size',
    rowLatency: (batch: number) => `Latency at batch ${batch}: median (p90)`,
    rowThroughput: 'Throughput at batch 32',
    perSecond: (v: string) => `${v} images/s`,
    accuracyValue: (pct: string, correct: number, total: number) => `${pct} % (${correct} of ${total})`,
    agreementValue: (same: number, total: number) => `${same} of ${total}`,
    sizeRatio: (r: string) => `× ${r}`,
    latencyValue: (median: string, p90: string) => `${median} ms (${p90})`,
    ratio: (r: string) => `× ${r}`,
    synthetic:
      'This model has random weights and no labelled data (the zoo uses it for realistic sizes and timings), so accuracy cannot be measured: the table shows how often int8 picks the same class as float on seeded synthetic images.',
    verdictTitle: 'What the timings say',
    verdict: {
      slowerSmall: (batch: number, r: string) =>
        `At batch ${batch}, int8 took ${r}× the time of float. With one image there is little arithmetic to save, while the int8 model adds work the float one does not have: quantizing the input, requantizing every layer’s output, packing activations for the integer kernels.`,
      slowerLarge: (batch: number, r: string) =>
        `Even at batch ${batch}, int8 took ${r}× the time of float: on this browser and CPU the integer kernels do not make up for the quantize and requantize work. WebAssembly’s SIMD has no 8-bit dot-product instruction (x86 has VNNI, ARM has SDOT), so int8 gains far less here than in a native engine.`,
      fasterSmall: (batch: number, r: string) =>
        `At batch ${batch}, int8 took ${r}× the time of float: even for one image, the integer kernels’ savings (a quarter of the bytes per weight and activation, more values per SIMD register) outweighed the quantize and requantize work on this machine.`,
      fasterLarge: (batch: number, r: string) =>
        `At batch ${batch}, int8 took ${r}× the time of float. With more images per call, the convolutions and matrix products dominate and the fixed costs are spread out; int8 reads a quarter of the bytes per weight and activation and packs more values per SIMD register.`,
      same: (batch: number, r: string) =>
        `At batch ${batch}, the two are within 5 % of each other (int8 took ${r}× the time of float): the saved arithmetic and the added quantize/requantize work roughly cancel out.`,
      noisy:
        'The spread of the runs (p90) overlaps the difference: run again with more timed runs before drawing conclusions.',
    },
    threads: (n: number, isolated: boolean) =>
      isolated
        ? `onnxruntime-web ran on ${n} thread${n === 1 ? '' : 's'}.`
        : 'This page is not cross-origin isolated, so onnxruntime-web ran on one thread.',
    confusionTitle: 'Confusion matrices on the test digits',
    confusionCaption: (variant: string) => `${variant}: rows are the true digit, columns the prediction`,
    truth: 'true',
    predicted: 'predicted',
    disagreeTitle: (n: number) => `Where they disagree: ${n} image${n === 1 ? '' : 's'}`,
    noDisagreement: 'The two models predict the same class on every image.',
    disagreeItem: (label: number | null, f: number, q: number) =>
      `${label === null ? '' : `true ${label} · `}float ${f} · int8 ${q}`,
    digitAlt: (label: number | null) =>
      label === null ? 'an input image' : `a handwritten ${label}, 8×8 pixels`,
    layersTitle: 'Per-layer SQNR on the graph',
    layersCaption: (n: number, images: number) =>
      `Each quantized layer’s output compared with the float model’s on ${images} calibration images: SQNR = 10·log₁₀(Σx² / Σ(x − x̂)²), in dB (higher is closer; every bit is worth about 6 dB). ${n} layers run quantized; fused ReLU/Clip count with their convolution.`,
    sqnrLegend: 'SQNR (dB)',
    layersTable: 'Per-layer SQNR as a table',
    colLayer: 'Layer',
    colOp: 'Op',
    colSqnr: 'SQNR (dB)',
    colCosine: 'Cosine',
    floatNodes: (n: number) => `${n} node${n === 1 ? '' : 's'} stay in float:`,
    timing: (calibrate: string, rewrite: string, analyze: string) =>
      `Engine time: calibration ${calibrate} s, rewrite ${rewrite} s, per-layer analysis ${analyze} s.`,
    caption:
      'Every number here is measured in this run on this computer: the int8 model is produced by the engine’s quantizeModel (src/engine/quant), weights int8 symmetric, activations uint8 asymmetric, calibrated on the 100 images of the digits calibration split (drawn from the training data, never from the test split), or on 4 seeded synthetic images for a model without data. Latency is the wall time of session.run in the onnxruntime-web Worker after warm-up runs.',
  },
  zh: {
    title: '浮点与 int8 并排对比：在浏览器中量化，在你的电脑上实测',
    subtitle:
      '引擎在 Worker 中把模型量化为 QDQ 格式（用 onnxruntime-web 做校准），然后由 onnxruntime-web 运行两个模型。',
    model: '模型',
    ownModel: '你自己的 CNN（.onnx）…',
    chooseFile: 'ONNX 文件',
    method: '校准方法',
    methods: methodsZh,
    perChannel: '权重逐输出通道量化',
    runs: '每个批大小的计时次数',
    start: '量化并对比',
    again: '重新量化并对比',
    cancel: '取消',
    download: '下载 int8 模型',
    idle: '选择模型和校准方法，然后点击“量化并对比”。',
    noFile: '请先选择一个 .onnx 文件。',
    loading: '正在加载模型和手写数字数据…',
    open: '量化 Worker 正在读取模型…',
    stage: {
      calibrate: (done: number, total: number) =>
        done === 0
          ? '校准：正在把浮点模型加载到 onnxruntime-web…'
          : `校准：浮点模型处理第 ${done} / ${total} 批`,
      rewrite: () => '把计算图改写为 QDQ 格式（QuantizeLinear → DequantizeLinear 对）',
      analyze: (done: number, total: number) =>
        done === 0
          ? '测量每层误差：正在把 int8 模型加载到 onnxruntime-web…'
          : `测量每层误差：第 ${done} / ${total} 批`,
    } satisfies Record<QuantizeStage, (done: number, total: number) => string>,
    compareLoad: (variant: string) => `正在把 ${variant} 模型加载到 onnxruntime-web…`,
    evaluate: (variant: string, n: number) => `正在用 ${variant} 模型推理 ${n} 张图像…`,
    latency: (variant: string, batch: number, done: number, total: number) =>
      `${variant} 批大小 ${batch} 计时：第 ${done} / ${total} 次`,
    done: (seconds: string) => `完成。在 Worker 中量化用时 ${seconds} 秒（含启动 onnxruntime-web）。`,
    cancelled: '已取消。被中断的这次运行没有保留任何结果。',
    failed: (message: string) => `运行失败：${message}`,
    badFile: (message: string) => `无法使用这个文件：${message}`,
    tooBig: (mb: number, limit: number) => `文件大小为 ${mb} MB；本实验最多接受 ${limit} MB 的模型。`,
    progress: '当前步骤的进度',
    steps: ['量化', '评估', '计时'],
    float: 'float32',
    int8: 'int8（QDQ）',
    summaryCaption: '本次运行的实测结果',
    rowAccuracy: (n: number) => `在 ${n} 张测试数字上的准确率`,
    rowAgreement: (n: number) => `在 ${n} 张合成图像上与浮点模型 top-1 一致的个数`,
    rowSize: '模型文件大小',
    rowLatency: (batch: number) => `批大小 ${batch} 的时延：中位数（p90）`,
    rowThroughput: '批大小 32 的吞吐',
    perSecond: (v: string) => `${v} 张/秒`,
    accuracyValue: (pct: string, correct: number, total: number) => `${pct} %（${correct} / ${total}）`,
    agreementValue: (same: number, total: number) => `${same} / ${total}`,
    sizeRatio: (r: string) => `× ${r}`,
    latencyValue: (median: string, p90: string) => `${median} ms（${p90}）`,
    ratio: (r: string) => `× ${r}`,
    synthetic:
      '这个模型的权重是随机的，也没有带标签的数据（模型库用它来展示真实规模下的大小和耗时），所以无法测量准确率：表中给出的是在固定随机种子生成的合成图像上，int8 与浮点模型选出同一类别的次数。',
    verdictTitle: '计时结果说明了什么',
    verdict: {
      slowerSmall: (batch: number, r: string) =>
        `批大小为 ${batch} 时，int8 的耗时是浮点的 ${r} 倍。只有一张图像时，可省下的算术很少，而 int8 模型还多出了浮点模型没有的工作：量化输入、对每层输出重新量化（requantize）、为整数内核打包激活。`,
      slowerLarge: (batch: number, r: string) =>
        `即使在批大小为 ${batch} 时，int8 的耗时也是浮点的 ${r} 倍：在这个浏览器和 CPU 上，整数内核省下的时间抵不过量化与重新量化的开销。WebAssembly 的 SIMD 没有 8 位点积指令（x86 有 VNNI，ARM 有 SDOT），int8 在这里的收益远小于原生推理引擎。`,
      fasterSmall: (batch: number, r: string) =>
        `批大小为 ${batch} 时，int8 的耗时是浮点的 ${r} 倍：即使只有一张图像，整数内核的收益（每个权重和激活只占四分之一的字节，每个 SIMD 寄存器能装更多的值）在这台机器上也超过了量化与重新量化的开销。`,
      fasterLarge: (batch: number, r: string) =>
        `批大小为 ${batch} 时，int8 的耗时是浮点的 ${r} 倍。每次调用处理的图像多了，卷积和矩阵乘法占主导，固定开销被摊薄；int8 每个权重和激活只读取四分之一的字节，每个 SIMD 寄存器也能装下更多的值。`,
      same: (batch: number, r: string) =>
        `批大小为 ${batch} 时，两者相差不到 5 %（int8 的耗时是浮点的 ${r} 倍）：省下的算术与新增的量化、重新量化开销大致抵消。`,
      noisy: '多次运行的波动（p90）与两者的差距有重叠：请增加计时次数再运行一次，再下结论。',
    },
    threads: (n: number, isolated: boolean) =>
      isolated
        ? `onnxruntime-web 使用了 ${n} 个线程。`
        : '此页面没有跨源隔离，onnxruntime-web 只能单线程运行。',
    confusionTitle: '测试集上的混淆矩阵',
    confusionCaption: (variant: string) => `${variant}：行是真实数字，列是预测结果`,
    truth: '真实',
    predicted: '预测',
    disagreeTitle: (n: number) => `两者预测不同的图像：${n} 张`,
    noDisagreement: '两个模型对每张图像的预测都相同。',
    disagreeItem: (label: number | null, f: number, q: number) =>
      `${label === null ? '' : `真实 ${label} · `}浮点 ${f} · int8 ${q}`,
    digitAlt: (label: number | null) => (label === null ? '一张输入图像' : `手写数字 ${label}，8×8 像素`),
    layersTitle: '计算图上的逐层 SQNR',
    layersCaption: (n: number, images: number) =>
      `在 ${images} 张校准图像上，把每个量化层的输出与浮点模型比较：SQNR = 10·log₁₀(Σx² / Σ(x − x̂)²)，单位 dB（越高越接近；每多 1 比特约增加 6 dB）。共有 ${n} 层以量化方式运行；融合的 ReLU/Clip 与其卷积合并计算。`,
    sqnrLegend: 'SQNR (dB)',
    layersTable: '逐层 SQNR 表格',
    colLayer: '层',
    colOp: '算子',
    colSqnr: 'SQNR (dB)',
    colCosine: '余弦相似度',
    floatNodes: (n: number) => `${n} 个节点保持浮点：`,
    timing: (calibrate: string, rewrite: string, analyze: string) =>
      `引擎耗时：校准 ${calibrate} 秒，改写 ${rewrite} 秒，逐层分析 ${analyze} 秒。`,
    caption:
      '这里的每个数字都是在这台电脑上、本次运行中实测的：int8 模型由引擎的 quantizeModel（src/engine/quant）生成，权重为 int8 对称量化，激活为 uint8 非对称量化，在手写数字校准集的 100 张图像上校准（取自训练数据，从不使用测试集）；没有数据的模型则用 4 张固定种子的合成图像校准。时延是在 onnxruntime-web Worker 中预热之后 session.run 的耗时。',
  },
});
