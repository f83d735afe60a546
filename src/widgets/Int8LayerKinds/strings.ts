import type { ConvKind, LayerKindId } from '../../engine';
import { defineStrings } from '../../ui/i18n';
import type { MeasureStage } from './measure';

export const strings = defineStrings({
  en: {
    title: 'Which layers get faster in int8? Timed in your browser',
    subtitle:
      'Four chains of 8 identical convolution layers (+ ReLU), with shapes from MobileNetV2, each quantized to int8 in a Worker and run float vs int8 by onnxruntime-web.',
    batch: 'Batch',
    rounds: 'Rounds per layer kind',
    start: 'Time the four layer kinds',
    again: 'Time them again',
    cancel: 'Cancel',
    idle: 'Press “Time the four layer kinds”. It takes from a few seconds to a minute, depending on your machine.',
    stage: {
      quantize: 'building the chain and quantizing it to int8',
      load: 'loading both models into onnxruntime-web',
      time: 'timing float and int8 in turn',
    } satisfies Record<MeasureStage, string>,
    running: (kind: string, index: number, count: number, stage: string, done: number, total: number) =>
      `Layer kind ${index + 1} of ${count} (${kind}): ${stage}${total ? ` — round ${done} of ${total}` : ''}…`,
    done: 'Done. Every figure below was measured just now, on this machine.',
    cancelled: 'Cancelled. Nothing was kept from the run that was stopped.',
    failed: (message: string) => `It did not work: ${message}`,
    progress: 'Progress of the measurement',
    kinds: {
      full: 'Full 3×3',
      pointwise: 'Pointwise 1×1',
      depthwise: 'Depthwise 3×3',
    } satisfies Record<ConvKind, string>,
    name: (kind: string, channels: string, size: number) => `${kind}, ${channels} ch at ${size}×${size}`,
    short: (kind: string, channels: string) => `${kind} ${channels}`,
    where: {
      'full-3x3': 'plain CNNs (like digits-cnn)',
      'pointwise-56': 'MobileNetV2, early blocks: expand and project',
      'pointwise-14': 'MobileNetV2, late blocks: expand and project',
      'depthwise-3x3': 'MobileNetV2: every block',
    } satisfies Record<LayerKindId, string>,
    caption: (batch: number) => `Time per run of 8 layers at batch ${batch}: median over all rounds`,
    colKind: 'Layer kind',
    colProducts: 'Products per output',
    colFloat: 'float32',
    colInt8: 'int8',
    colRatio: 'int8 ÷ float32',
    colRounds: 'Round by round',
    ms: (v: string) => `${v} ms`,
    ratio: (v: string) => `${v}×`,
    chartLabel: 'int8 time ÷ float32 time per layer kind, on a log scale: left of the line int8 is faster',
    faster: 'int8 faster',
    slower: 'int8 slower',
    verdict: {
      faster: (kind: string, ratio: string) => `${kind}: int8 takes ${ratio} the float time — faster.`,
      slower: (kind: string, ratio: string) => `${kind}: int8 takes ${ratio} the float time — slower.`,
      same: (kind: string, ratio: string) => `${kind}: no real difference (${ratio}).`,
    },
    noisy: (kinds: string) =>
      `The ratio moved by more than 30 % from round to round (${kinds}): the machine was busy. Run again, or with more rounds, for steadier figures.`,
    threads: (n: number, isolated: boolean) =>
      `onnxruntime-web ran with ${n} thread${n === 1 ? '' : 's'}${isolated ? '' : ' (the page is not cross-origin isolated, so threads are off)'}.`,
    note: 'Each int8 chain also quantizes its input, changes the layout and dequantizes its output once; the 8 layers make those fixed costs small next to the layers’ own work.',
  },
  zh: {
    title: '哪些层在 int8 下更快？在你的浏览器里计时',
    subtitle:
      '四条由 8 个相同卷积层（+ ReLU）组成的链，形状取自 MobileNetV2；每条链在 Worker 中量化为 int8，再由 onnxruntime-web 分别运行浮点版和 int8 版。',
    batch: '批大小',
    rounds: '每种层的轮数',
    start: '为四种层计时',
    again: '重新计时',
    cancel: '取消',
    idle: '点击“为四种层计时”。视机器快慢，需要几秒到一分钟。',
    stage: {
      quantize: '构建这条链并量化为 int8',
      load: '把两个模型加载到 onnxruntime-web',
      time: '交替为浮点和 int8 计时',
    } satisfies Record<MeasureStage, string>,
    running: (kind: string, index: number, count: number, stage: string, done: number, total: number) =>
      `第 ${index + 1} / ${count} 种层（${kind}）：${stage}${total ? `——第 ${done} / ${total} 轮` : ''}…`,
    done: '完成。下面每个数字都是刚刚在这台机器上测得的。',
    cancelled: '已取消。被中断的那次运行没有保留任何结果。',
    failed: (message: string) => `出错了：${message}`,
    progress: '测量进度',
    kinds: {
      full: '普通 3×3 卷积',
      pointwise: '逐点 1×1 卷积',
      depthwise: '深度 3×3 卷积',
    } satisfies Record<ConvKind, string>,
    name: (kind: string, channels: string, size: number) => `${kind}（${channels} 通道，${size}×${size}）`,
    short: (kind: string, channels: string) => `${kind} ${channels}`,
    where: {
      'full-3x3': '普通 CNN（如 digits-cnn）',
      'pointwise-56': 'MobileNetV2 前部各块的扩张与投影',
      'pointwise-14': 'MobileNetV2 后部各块的扩张与投影',
      'depthwise-3x3': 'MobileNetV2 的每个块',
    } satisfies Record<LayerKindId, string>,
    caption: (batch: number) => `批大小 ${batch} 时 8 层运行一次的时间：所有轮次的中位数`,
    colKind: '层的种类',
    colProducts: '每个输出的乘积数',
    colFloat: 'float32',
    colInt8: 'int8',
    colRatio: 'int8 ÷ float32',
    colRounds: '逐轮',
    ms: (v: string) => `${v} ms`,
    ratio: (v: string) => `${v}×`,
    chartLabel: '每种层的 int8 时间 ÷ float32 时间（对数刻度）：竖线左侧表示 int8 更快',
    faster: 'int8 更快',
    slower: 'int8 更慢',
    verdict: {
      faster: (kind: string, ratio: string) => `${kind}：int8 用时是浮点的 ${ratio}——更快。`,
      slower: (kind: string, ratio: string) => `${kind}：int8 用时是浮点的 ${ratio}——更慢。`,
      same: (kind: string, ratio: string) => `${kind}：没有实质差别（${ratio}）。`,
    },
    noisy: (kinds: string) =>
      `各轮之间的比值变化超过 30 %（${kinds}）：机器当时比较忙。再测一次或增加轮数，可以得到更稳定的数字。`,
    threads: (n: number, isolated: boolean) =>
      `onnxruntime-web 使用了 ${n} 个线程${isolated ? '' : '（页面没有跨源隔离，因此不能多线程）'}。`,
    note: '每条 int8 链还要对输入做一次量化、一次布局转换，并对输出做一次反量化；8 层的计算量让这些固定开销相对很小。',
  },
});
