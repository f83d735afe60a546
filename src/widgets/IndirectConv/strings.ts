import { defineStrings } from '../../ui/i18n';

export const strings = defineStrings({
  en: {
    title: 'Indirect convolution (QNNPACK): the indirection buffer, step by step',
    subtitle:
      'Instead of copying every patch (im2col), the kernel reads through a buffer of pointers: one per output pixel and kernel tap, to the first channel of an input pixel in NHWC — or to a shared zero vector for taps on the padding.',
    precision: 'Arithmetic',
    fp32: 'float32',
    uint8: 'uint8 with requantization',
    tooLarge: (what: 'taps' | 'span', value: number, max: number) =>
      what === 'span'
        ? `too large to draw (the kernel spans ${value} input pixels with its dilation, at most ${max})`
        : `too large to draw (${value} kernel taps, at most ${max})`,
    window: (
      rows: number,
      cols: number,
      oh: number,
      ow: number,
      pixels: string,
      ih: [string, string],
      iw: [string, string],
      padded: boolean,
    ) =>
      `Drawn and stepped through: the top-left ${rows}×${cols} of the ${oh}×${ow} output pixels (${pixels} in all) and the input they read, rows ${ih[0]} to ${ih[1]} and columns ${iw[0]} to ${iw[1]}${padded ? ' (negative indices are padding)' : ''}. The outputs, the check against the reference and the memory figures are for the whole layer.`,
    part: 'part',
    waiting: 'Choose a layer above.',
    phaseBuild: 'Building the indirection buffer',
    phaseCompute: 'Computing the outputs',
    entry: (k: number, kh: number, kw: number, oh: number, ow: number) =>
      `Entry ${k} (tap ${kh}, ${kw}) of output pixel (${oh}, ${ow})`,
    entryPixel: (ih: number, iw: number, c: number, offset: number) =>
      `reads input pixel (${ih}, ${iw}): it stores offset ${offset} = (${ih}·W + ${iw})·${c}, where that pixel’s ${c} channels start.`,
    entryZero: (ih: number, iw: number, offset: number) =>
      `(${ih}, ${iw}) is on the padding: it stores ${offset}, the offset of the zero vector. No branch, no copy.`,
    pixel: (oh: number, ow: number, taps: number, channels: number, macs: number) =>
      `Output pixel (${oh}, ${ow}): the micro-kernel follows its ${taps} entries and reads ${channels} channels at each, ${macs} multiply-adds per output channel.`,
    inputTitle: (c: number) => `Input, NHWC (${c} channels per pixel)`,
    legend:
      'Input cells are labelled with the offset where the pixel’s channels start (the value an entry stores); dashed cells are padding. The buffer has one block of kH×kW entries per output pixel, placed like the output.',
    bufferTitle: 'Indirection buffer',
    outputTitle: 'Output',
    zeroFp32: (offset: number) => `zero vector @ ${offset}`,
    zeroUint8: (offset: number, zx: number) => `zero vector @ ${offset} (all = zx = ${zx})`,
    entryTitle: (p: number, k: number, value: string) => `pixel ${p}, entry ${k}: ${value}`,
    notBuilt: 'not built yet',
    figure:
      'Drawing of the input, the indirection buffer and the output; step with the controls or the arrow keys.',
    valuesCaption: (shown: number, total: number) =>
      shown === total
        ? `All ${total} output channels of this pixel`
        : `The first ${shown} of ${total} output channels of this pixel`,
    colChannel: 'Channel',
    colValue: 'Value (float32)',
    colAcc: 'int32 accumulator',
    colMultiplier: 'M = sx·sw/sy',
    colScaled: 'acc·M',
    colShifted: 'round + zy',
    colOutput: 'y (uint8)',
    colReference: 'integer reference',
    memoryTitle: 'Memory for this layer, from the engine’s counters',
    indirection: 'Indirection buffer',
    im2col: 'im2col matrix',
    zeroVector: 'Zero vector',
    entries: (n: string) => `${n} entries`,
    elements: (n: string) => `${n} elements`,
    bytes: (n: string) => `${n} bytes`,
    ratio: (r: string, c: number) =>
      `im2col stores ${r}× as many values as the indirection buffer has entries: C/group = ${c}, one copy of every channel per tap.`,
    pointerNote:
      'The engine stores 32-bit offsets; QNNPACK stores real pointers, 8 bytes each on a 64-bit CPU — still C/group·(element bytes)/8 times smaller than an im2col matrix unless C is tiny.',
    uint8Bytes: 'An 8-bit im2col matrix holds the same number of elements at 1 byte each.',
    quantTitle: 'Quantization parameters (real = scale · (q − zero point))',
    quantInput: (scale: string, zero: number) => `input x: uint8, scale ${scale}, zero point ${zero}`,
    quantWeights: (lo: string, hi: string, m: number) =>
      `weights w: int8 symmetric per channel, zero point 0, ${m} scales from ${lo} to ${hi}`,
    quantOutput: (scale: string, zero: number) => `output y: uint8, scale ${scale}, zero point ${zero}`,
    quantBias: 'bias: int32 at scale sx·sw, added to the accumulator',
    agree: (equal: string, total: string) =>
      `${equal} of ${total} outputs are identical to the integer reference (ConvInteger, then requantization).`,
    disagree: (equal: string, total: string) =>
      `Only ${equal} of ${total} outputs agree with the integer reference.`,
    caption:
      'Every entry, arrow, value and byte count comes from the engine’s convIndirect / convIndirectQuantized trace and counters (src/engine/kernels/indirect*.ts), run on the layer above; im2col’s matrix size is from convIm2col’s counter on the same layer.',
  },
  zh: {
    title: '间接卷积（QNNPACK）：逐步构建间接缓冲区',
    subtitle:
      '不再像 im2col 那样把每个窗口复制一遍，而是通过一个指针缓冲区读取输入：每个输出像素的每个卷积核抽头一个指针，指向 NHWC 输入中某个像素的第一个通道——落在填充上的抽头则指向一个共享的零向量。',
    precision: '算术精度',
    fp32: 'float32',
    uint8: 'uint8 + 重量化',
    tooLarge: (what: 'taps' | 'span', value: number, max: number) =>
      what === 'span'
        ? `太大，无法绘制（加上膨胀后卷积核覆盖 ${value} 个输入像素，最多 ${max}）`
        : `太大，无法绘制（${value} 个卷积核抽头，最多 ${max}）`,
    window: (
      rows: number,
      cols: number,
      oh: number,
      ow: number,
      pixels: string,
      ih: [string, string],
      iw: [string, string],
      padded: boolean,
    ) =>
      `图中绘制并可单步查看的是 ${oh}×${ow} 个输出像素（共 ${pixels} 个）左上角的 ${rows}×${cols} 个，以及它们读取的输入：第 ${ih[0]} 到 ${ih[1]} 行、第 ${iw[0]} 到 ${iw[1]} 列${padded ? '（负下标是填充）' : ''}。输出、与参考实现的比对和内存数字都针对整层。`,
    part: '局部',
    waiting: '请先在上方选择一个卷积层。',
    phaseBuild: '构建间接缓冲区',
    phaseCompute: '计算输出',
    entry: (k: number, kh: number, kw: number, oh: number, ow: number) =>
      `输出像素 (${oh}, ${ow}) 的第 ${k} 个条目（抽头 ${kh}, ${kw}）`,
    entryPixel: (ih: number, iw: number, c: number, offset: number) =>
      `读取输入像素 (${ih}, ${iw})：存入偏移 ${offset} = (${ih}·W + ${iw})·${c}，即该像素 ${c} 个通道的起点。`,
    entryZero: (ih: number, iw: number, offset: number) =>
      `(${ih}, ${iw}) 落在填充上：存入零向量的偏移 ${offset}。既不需要分支，也不需要复制。`,
    pixel: (oh: number, ow: number, taps: number, channels: number, macs: number) =>
      `输出像素 (${oh}, ${ow})：微内核沿它的 ${taps} 个条目读取，每处读 ${channels} 个通道，每个输出通道 ${macs} 次乘加。`,
    inputTitle: (c: number) => `输入，NHWC（每个像素 ${c} 个通道）`,
    legend:
      '输入格子上标的是该像素各通道起始处的偏移（也就是条目里存的值）；虚线格子是填充。缓冲区中每个输出像素对应一组 kH×kW 个条目，按输出的位置排列。',
    bufferTitle: '间接缓冲区',
    outputTitle: '输出',
    zeroFp32: (offset: number) => `零向量 @ ${offset}`,
    zeroUint8: (offset: number, zx: number) => `零向量 @ ${offset}（全部 = zx = ${zx}）`,
    entryTitle: (p: number, k: number, value: string) => `像素 ${p}，条目 ${k}：${value}`,
    notBuilt: '尚未构建',
    figure: '输入、间接缓冲区和输出的示意图；用步进控制或方向键单步。',
    valuesCaption: (shown: number, total: number) =>
      shown === total ? `该像素全部 ${total} 个输出通道` : `该像素 ${total} 个输出通道中的前 ${shown} 个`,
    colChannel: '通道',
    colValue: '值（float32）',
    colAcc: 'int32 累加器',
    colMultiplier: 'M = sx·sw/sy',
    colScaled: 'acc·M',
    colShifted: '取整 + zy',
    colOutput: 'y（uint8）',
    colReference: '整数参考',
    memoryTitle: '这一层的内存，来自引擎的计数器',
    indirection: '间接缓冲区',
    im2col: 'im2col 矩阵',
    zeroVector: '零向量',
    entries: (n: string) => `${n} 个条目`,
    elements: (n: string) => `${n} 个元素`,
    bytes: (n: string) => `${n} 字节`,
    ratio: (r: string, c: number) =>
      `im2col 存储的数值个数是间接缓冲区条目数的 ${r} 倍：C/group = ${c}，每个抽头都复制一遍所有通道。`,
    pointerNote:
      '引擎里存的是 32 位偏移；QNNPACK 存的是真正的指针，在 64 位 CPU 上每个 8 字节——除非 C 很小，仍比 im2col 矩阵小 C/group·(元素字节数)/8 倍。',
    uint8Bytes: '8 位的 im2col 矩阵元素个数相同，每个 1 字节。',
    quantTitle: '量化参数（实数 = scale · (q − 零点)）',
    quantInput: (scale: string, zero: number) => `输入 x：uint8，scale ${scale}，零点 ${zero}`,
    quantWeights: (lo: string, hi: string, m: number) =>
      `权重 w：int8 对称、逐通道，零点 0，${m} 个 scale，从 ${lo} 到 ${hi}`,
    quantOutput: (scale: string, zero: number) => `输出 y：uint8，scale ${scale}，零点 ${zero}`,
    quantBias: '偏置：int32，scale 为 sx·sw，直接加到累加器上',
    agree: (equal: string, total: string) =>
      `${total} 个输出中有 ${equal} 个与整数参考实现（ConvInteger 后再重量化）完全相同。`,
    disagree: (equal: string, total: string) => `${total} 个输出中只有 ${equal} 个与整数参考实现一致。`,
    caption:
      '每个条目、箭头、数值和字节数都来自引擎 convIndirect / convIndirectQuantized 在上面这一层上的轨迹和计数器（src/engine/kernels/indirect*.ts）；im2col 矩阵的大小来自 convIm2col 在同一层上的计数器。',
  },
});
