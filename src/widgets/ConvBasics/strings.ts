import { defineStrings } from '../../ui/i18n';

export const strings = defineStrings({
  en: {
    title: 'A convolution, one output element at a time',
    subtitle:
      'The engine’s direct convolution, replayed: set the kernel size, stride, padding, dilation and groups, then step through the windows.',
    shapeTitle: 'Output shape',
    outHeight: 'height',
    outWidth: 'width',
    outputIs: (k: number, oh: number, ow: number) => `Output: K × Ho × Wo = ${k} × ${oh} × ${ow}`,
    input: (c: number) => `Input channel ${c}`,
    notInGroup: 'not in this group',
    kernel: (m: number, c: number) => `Weights of output ${m}, input channel ${c}`,
    output: (m: number) => `Output channel ${m}`,
    moreChannels: (n: number) => `+ ${n} more input channel${n === 1 ? '' : 's'} in this group, not drawn`,
    cropped: (rows: string, cols: string) => `rows ${rows}, columns ${cols} shown`,
    step: (m: number, oh: number, ow: number, rows: string, cols: string) =>
      `Output element (channel ${m}, row ${oh}, column ${ow}): its window covers input rows ${rows}, columns ${cols}.`,
    dotTitle: 'The dot product',
    bias: 'bias',
    moreTerms: (n: number) => `+ ${n} more products`,
    skipped: (n: number) =>
      `${n} window position${n === 1 ? '' : 's'} fall on the padding (value 0): the engine skips ${n === 1 ? 'it' : 'them'}.`,
    mults: (taps: number) => `${taps} multiplication${taps === 1 ? '' : 's'} for this element.`,
    total: (outputs: string, mults: string) =>
      `The whole layer: ${outputs} output elements, ${mults} multiplications (from the engine’s counters).`,
    window: (channels: number, rows: string, cols: string, shown: string, outputs: string) =>
      `Stepped through: ${channels === 1 ? 'output channel 0' : `output channels 0–${channels - 1}`}, rows ${rows}, columns ${cols} (${shown} of the ${outputs} output elements); the totals are for the whole layer.`,
    inputAlt: 'Input channel with the current window outlined; padding cells dashed.',
    kernelAlt: 'Kernel weights of the current output channel.',
    outputAlt: 'Output channel: computed elements shown, the current one outlined.',
    waiting: 'Choose a layer above.',
    legend: 'Outlined blue: the window (dashed cells are padding) · outlined red: the output being computed.',
  },
  zh: {
    title: '卷积：一次算一个输出元素',
    subtitle: '回放引擎的直接卷积：设置卷积核大小、步长、填充、膨胀和分组，然后逐个窗口单步查看。',
    shapeTitle: '输出形状',
    outHeight: '高',
    outWidth: '宽',
    outputIs: (k: number, oh: number, ow: number) => `输出：K × Ho × Wo = ${k} × ${oh} × ${ow}`,
    input: (c: number) => `输入通道 ${c}`,
    notInGroup: '不在本组',
    kernel: (m: number, c: number) => `输出 ${m} 对输入通道 ${c} 的权重`,
    output: (m: number) => `输出通道 ${m}`,
    moreChannels: (n: number) => `本组另有 ${n} 个输入通道未画出`,
    cropped: (rows: string, cols: string) => `显示第 ${rows} 行、第 ${cols} 列`,
    step: (m: number, oh: number, ow: number, rows: string, cols: string) =>
      `输出元素（通道 ${m}，第 ${oh} 行，第 ${ow} 列）：窗口覆盖输入的第 ${rows} 行、第 ${cols} 列。`,
    dotTitle: '点积',
    bias: '偏置',
    moreTerms: (n: number) => `+ 另外 ${n} 项乘积`,
    skipped: (n: number) => `窗口中有 ${n} 个位置落在填充上（值为 0）：引擎直接跳过。`,
    mults: (taps: number) => `这个元素需要 ${taps} 次乘法。`,
    total: (outputs: string, mults: string) =>
      `整层：${outputs} 个输出元素，${mults} 次乘法（来自引擎的计数器）。`,
    window: (channels: number, rows: string, cols: string, shown: string, outputs: string) =>
      `可单步查看的部分：输出通道 ${channels === 1 ? '0' : `0–${channels - 1}`} 的第 ${rows} 行、第 ${cols} 列（共 ${outputs} 个输出元素中的 ${shown} 个）；计数针对整层。`,
    inputAlt: '输入通道，当前窗口加框；虚线格为填充。',
    kernelAlt: '当前输出通道的卷积核权重。',
    outputAlt: '输出通道：已算出的元素显示数值，当前元素加框。',
    waiting: '请先在上方选择一个卷积层。',
    legend: '蓝框：窗口（虚线格为填充）· 红框：正在计算的输出元素。',
  },
});
