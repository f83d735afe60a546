import { defineStrings } from '../../ui/i18n';

export const strings = defineStrings({
  en: {
    title: 'Memory layouts: one tensor, three orders in memory',
    subtitle:
      'Top: the logical tensor, one H×W grid per channel, each cell labelled with its address. Bottom: linear memory, each slot labelled with the channel it holds; a row is a whole number of 64-byte cache lines (16 float32).',
    source: 'Tensor',
    custom: 'My own N, C, H, W (seeded random values)',
    activation: (name: string) => `digits-cnn on a real test digit: ${name}`,
    activationNames: {
      input: 'the input image (1×1×8×8)',
      conv1: 'after conv 1 + ReLU (1×16×8×8)',
      pool1: 'after pool 1 (1×32×4×4)',
      pool2: 'after pool 2 (1×64×2×2)',
    },
    loading: 'Running digits-cnn in the engine’s interpreter…',
    loaded: (label: number) => `An activation of digits-cnn on the first test digit (a ${label}).`,
    loadFailed: (message: string) => `Could not load the activation: ${message}`,
    badDim: (dim: string, max: number) =>
      dim === 'elements'
        ? `At most ${max} elements can be drawn one by one.`
        : `${dim} must be a whole number from 1 to ${max}.`,
    layout: 'Layout',
    storage: (values: string, slots: string, extra: string) =>
      extra === '0'
        ? `${values} values in ${slots} slots.`
        : `${values} values in ${slots} slots: ${extra} % padding.`,
    tabs: 'What to show',
    tabReads: 'Conv inner-loop reads',
    tabPack: 'Pack / unpack step by step',
    kernel: 'Kernel',
    outRow: 'Output row',
    outCol: 'Output column',
    readsNote: 'Stride 1, padded to keep H×W; image 0. Taps on the padding are skipped.',
    readStep: (i: number, total: number, c: number, h: number, w: number, address: number) =>
      `Read ${i} of ${total}: channel ${c}, pixel (${h}, ${w}) at address ${address}.`,
    statsCaption: 'The reads of one output pixel in each layout (engine convInnerLoop)',
    colLayout: 'Layout',
    colLoops: 'Loop nest (outer → inner)',
    colReads: 'Reads',
    colRuns: 'Contiguous runs',
    colLongest: 'Longest run',
    colLines: 'Cache lines',
    direction: 'Direction',
    pack: (layout: string) => `Pack: NCHW → ${layout}`,
    unpack: (layout: string) => `Unpack: ${layout} → NCHW`,
    sameLayout: 'NCHW → NCHW moves nothing: choose NHWC or NC4HW4 to watch a conversion.',
    moveStep: (i: number, total: number, c: number, h: number, w: number, from: number, to: number) =>
      `Move ${i} of ${total}: channel ${c}, pixel (${h}, ${w}), from address ${from} to address ${to}.`,
    logicalTitle: 'Logical tensor',
    memoryTitle: (layout: string) => `Memory (${layout})`,
    planeTitle: (n: number, c: number, batch: boolean) => (batch ? `n${n} · c${c}` : `c${c}`),
    cellTitle: (n: number, c: number, h: number, w: number, value: string, address: number) =>
      `(n ${n}, c ${c}, h ${h}, w ${w}) = ${value} · address ${address}`,
    slotTitle: (address: number, what: string) => `address ${address}: ${what}`,
    padding: 'padding (zero)',
    stripSource: (layout: string) => `source: ${layout}`,
    stripDestination: (layout: string) => `destination: ${layout}`,
    figure: 'Drawing of the tensor and its memory; use the step controls or the arrow keys to step.',
    caption:
      'Highlighted: the elements read (or moved) up to the current step; the bars under memory mark runs of consecutive addresses — what one contiguous, vectorizable load can fetch. Every address comes from the engine’s offsetOf and every read from its convInnerLoop.',
  },
  zh: {
    title: '内存布局：同一个张量，三种内存顺序',
    subtitle:
      '上方：逻辑张量，每个通道一个 H×W 网格，格子里是该元素的地址。下方：线性内存，每个槽位标出它存放的通道；每一行是整数个 64 字节缓存行（16 个 float32）。',
    source: '张量',
    custom: '自己设定 N、C、H、W（固定种子的随机值）',
    activation: (name: string) => `digits-cnn 在一张真实测试数字上的激活：${name}`,
    activationNames: {
      input: '输入图像（1×1×8×8）',
      conv1: '卷积 1 + ReLU 之后（1×16×8×8）',
      pool1: '池化 1 之后（1×32×4×4）',
      pool2: '池化 2 之后（1×64×2×2）',
    },
    loading: '正在用引擎的解释器运行 digits-cnn…',
    loaded: (label: number) => `digits-cnn 在第一张测试数字（数字 ${label}）上的激活。`,
    loadFailed: (message: string) => `无法加载激活：${message}`,
    badDim: (dim: string, max: number) =>
      dim === 'elements' ? `最多只能逐个绘制 ${max} 个元素。` : `${dim} 必须是 1 到 ${max} 之间的整数。`,
    layout: '布局',
    storage: (values: string, slots: string, extra: string) =>
      extra === '0'
        ? `${values} 个值占 ${slots} 个槽位。`
        : `${values} 个值占 ${slots} 个槽位：${extra}% 是填充。`,
    tabs: '显示内容',
    tabReads: '卷积内层循环的读取',
    tabPack: '逐步打包 / 解包',
    kernel: '卷积核',
    outRow: '输出行',
    outCol: '输出列',
    readsNote: '步长 1，填充后输出仍为 H×W；第 0 张图像。落在填充上的抽头被跳过。',
    readStep: (i: number, total: number, c: number, h: number, w: number, address: number) =>
      `第 ${i} / ${total} 次读取：通道 ${c}，像素 (${h}, ${w})，地址 ${address}。`,
    statsCaption: '同一个输出像素在各布局下的读取（引擎 convInnerLoop）',
    colLayout: '布局',
    colLoops: '循环嵌套（外 → 内）',
    colReads: '读取次数',
    colRuns: '连续段数',
    colLongest: '最长连续段',
    colLines: '缓存行数',
    direction: '方向',
    pack: (layout: string) => `打包：NCHW → ${layout}`,
    unpack: (layout: string) => `解包：${layout} → NCHW`,
    sameLayout: 'NCHW → NCHW 不需要搬动任何元素：选择 NHWC 或 NC4HW4 来观察一次转换。',
    moveStep: (i: number, total: number, c: number, h: number, w: number, from: number, to: number) =>
      `第 ${i} / ${total} 次搬运：通道 ${c}，像素 (${h}, ${w})，从地址 ${from} 到地址 ${to}。`,
    logicalTitle: '逻辑张量',
    memoryTitle: (layout: string) => `内存（${layout}）`,
    planeTitle: (n: number, c: number, batch: boolean) => (batch ? `n${n} · c${c}` : `c${c}`),
    cellTitle: (n: number, c: number, h: number, w: number, value: string, address: number) =>
      `(n ${n}, c ${c}, h ${h}, w ${w}) = ${value} · 地址 ${address}`,
    slotTitle: (address: number, what: string) => `地址 ${address}：${what}`,
    padding: '填充（零）',
    stripSource: (layout: string) => `源：${layout}`,
    stripDestination: (layout: string) => `目标：${layout}`,
    figure: '张量及其内存的示意图；用步进控制或方向键单步。',
    caption:
      '高亮：到当前步为止读取（或搬运）过的元素；内存下方的横条标出地址连续的段——一次连续的、可向量化的加载能取到的范围。每个地址都来自引擎的 offsetOf，每次读取都来自它的 convInnerLoop。',
  },
});
