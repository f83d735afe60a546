import { defineStrings } from '../../ui/i18n';
import type { ShapeField } from './layerSpec';

const fieldsEn: Record<ShapeField, string> = {
  c: 'C (input channels)',
  h: 'H (height)',
  w: 'W (width)',
  k: 'K (output channels)',
  r: 'Kh (kernel height)',
  s: 'Kw (kernel width)',
  stride: 'stride s',
  pad: 'padding p',
  dilation: 'dilation d',
  groups: 'groups g',
};
const fieldsZh: Record<ShapeField, string> = {
  c: 'C（输入通道）',
  h: 'H（高）',
  w: 'W（宽）',
  k: 'K（输出通道）',
  r: 'Kh（卷积核高）',
  s: 'Kw（卷积核宽）',
  stride: '步长 s',
  pad: '填充 p',
  dilation: '膨胀 d',
  groups: '分组 g',
};

export const pickerStrings = defineStrings({
  en: {
    legend: 'Layer',
    fromModel: 'Real layer of a model',
    custom: 'Shape of your own',
    model: 'Model',
    layer: 'Conv layer',
    fields: fieldsEn,
    fixed: (what: string) => `${what} (fixed here)`,
    values: 'Input values',
    integers: 'small integers −2…2',
    uniform: 'uniform in [−1, 1)',
    reseed: 'New random values',
    seed: (seed: number) => `seed ${seed}`,
    loadingModels: 'Loading the model list…',
    loadingLayers: (model: string) =>
      `Loading ${model} and reading its Conv layers (in a background Worker)…`,
    cancel: 'Cancel',
    cancelled: 'Loading was cancelled. Choose a model to try again.',
    loadFailed: (message: string) => `Could not load the model: ${message}`,
    retry: 'Try again',
    megabytes: (mb: string) => `${mb} MB`,
    summary: (input: string, weight: string, bias: boolean, output: string) =>
      `input ${input} · weights ${weight}${bias ? ' + bias' : ''} → output ${output}`,
    realWeights: 'real trained weights; the input is seeded random',
    seededWeights: 'weights, bias and input are seeded random',
    unusable: (reason: string) => `not usable here: ${reason}`,
    range: (field: string, value: string, min: number, max: number) =>
      `${field}: “${value}” is not allowed; give a whole number from ${min} to ${max}.`,
    groups: (g: number, c: number, k: number) =>
      `groups g = ${g} must divide both C = ${c} and K = ${k} (each group gets C/g input and K/g output channels).`,
    fit: (span: string, padded: string) =>
      `The kernel spans ${span} with its dilation, more than the padded input ${padded}: there is no place for a single window.`,
    work: (macs: string, max: string) =>
      `This layer needs ${macs} multiply-adds; the widget runs at most ${max}.`,
    engine: (message: string) => `The engine rejects this layer: ${message}`,
    keptPrevious: 'The widget still shows the last valid layer.',
  },
  zh: {
    legend: '卷积层',
    fromModel: '模型中的真实层',
    custom: '自定义形状',
    model: '模型',
    layer: 'Conv 层',
    fields: fieldsZh,
    fixed: (what: string) => `${what}（此处固定）`,
    values: '输入数值',
    integers: '小整数 −2…2',
    uniform: '[−1, 1) 均匀分布',
    reseed: '换一组随机数',
    seed: (seed: number) => `种子 ${seed}`,
    loadingModels: '正在加载模型列表…',
    loadingLayers: (model: string) => `正在加载 ${model} 并读取其中的 Conv 层（在后台 Worker 中）…`,
    cancel: '取消',
    cancelled: '已取消加载。重新选择模型即可再试。',
    loadFailed: (message: string) => `无法加载模型：${message}`,
    retry: '重试',
    megabytes: (mb: string) => `${mb} MB`,
    summary: (input: string, weight: string, bias: boolean, output: string) =>
      `输入 ${input} · 权重 ${weight}${bias ? ' + 偏置' : ''} → 输出 ${output}`,
    realWeights: '真实的训练权重；输入为带种子的随机数',
    seededWeights: '权重、偏置和输入均为带种子的随机数',
    unusable: (reason: string) => `此处不可用：${reason}`,
    range: (field: string, value: string, min: number, max: number) =>
      `${field}：“${value}” 不可用，请填 ${min} 到 ${max} 之间的整数。`,
    groups: (g: number, c: number, k: number) =>
      `分组数 g = ${g} 必须同时整除 C = ${c} 和 K = ${k}（每组分得 C/g 个输入通道和 K/g 个输出通道）。`,
    fit: (span: string, padded: string) =>
      `加上膨胀后卷积核覆盖 ${span}，比填充后的输入 ${padded} 还大：连一个窗口都放不下。`,
    work: (macs: string, max: string) => `这一层需要 ${macs} 次乘加；本组件最多运行 ${max} 次。`,
    engine: (message: string) => `引擎拒绝了这一层：${message}`,
    keptPrevious: '组件仍显示上一个有效的卷积层。',
  },
});

/** The status line of a kernel run in the Worker (JobStatus). */
export const jobStrings = defineStrings({
  en: {
    running: 'Running the whole layer in a background Worker (the page stays usable)…',
    stage: (i: number, n: number, stage: string) => `step ${i} of ${n}: ${stage}`,
    stages: {
      direct: 'direct convolution',
      im2col: 'im2col + GEMM',
      winograd: 'Winograd',
      indirect: 'indirect convolution',
      reference: 'float64 reference',
      quantize: 'quantizing the layer',
      'integer-reference': 'integer reference',
      errors: 'errors',
    } as Record<string, string>,
    progress: 'Progress of the run',
    done: (ms: string) => `Whole layer computed in a background Worker in ${ms} ms.`,
    cancel: 'Cancel',
    cancelled: 'Cancelled.',
    showingPrevious: 'Still showing the previous run.',
    failed: (message: string) => `The run failed: ${message}`,
    retry: 'Run again',
    stale: 'Showing the previous run until the new one is ready.',
  },
  zh: {
    running: '正在后台 Worker 中计算整层（页面仍可正常使用）…',
    stage: (i: number, n: number, stage: string) => `第 ${i}/${n} 步：${stage}`,
    stages: {
      direct: '直接卷积',
      im2col: 'im2col + GEMM',
      winograd: 'Winograd',
      indirect: '间接卷积',
      reference: 'float64 参考结果',
      quantize: '量化这一层',
      'integer-reference': '整数参考结果',
      errors: '误差',
    } as Record<string, string>,
    progress: '计算进度',
    done: (ms: string) => `整层已在后台 Worker 中算完，用时 ${ms} 毫秒。`,
    cancel: '取消',
    cancelled: '已取消。',
    showingPrevious: '仍显示上一次的结果。',
    failed: (message: string) => `计算失败：${message}`,
    retry: '重新计算',
    stale: '新结果算好之前，先显示上一次的结果。',
  },
});
