import { defineStrings } from '../../ui/i18n';

export const strings = defineStrings({
  en: {
    title: 'im2col + GEMM, step by step',
    subtitle:
      'The engine’s im2col kernel, replayed: every receptive-field patch is copied into a column of the lowered matrix, then one matrix multiplication computes the whole layer.',
    convention: (k: number, rows: number, cols: number) =>
      `Convention (the engine’s): one column per output pixel (its patch), one row per tap (c, kh, kw), row = (c·Kh + kh)·Kw + kw. Then W (${k} × ${rows}) · L (${rows} × ${cols}) = Y (${k} × ${cols}).`,
    patchStep: (p: number, oh: number, ow: number, cols: number) =>
      `Patch ${p} of ${cols}: the window of output pixel (${oh}, ${ow}) is copied into column ${p} of the lowered matrix.`,
    gemmStep: (row: number, rows: number) =>
      `GEMM, row ${row} of ${rows}: row ${row} of the filter matrix times the lowered matrix gives output channel ${row} for every pixel at once.`,
    input: (c: number) => `Input channel ${c}`,
    column: (p: number) => `Column ${p}`,
    lowered: (rows: number, cols: number) => `Lowered matrix L (${rows} × ${cols})`,
    filters: (rows: number, cols: number) => `Filter matrix W (${rows} × ${cols})`,
    outputMatrix: (rows: number, cols: number) => `Output Y (${rows} × ${cols})`,
    cropped: (rows: string, cols: string) => `rows ${rows}, columns ${cols} shown`,
    moreChannels: (n: number) => `+ ${n} more input channels, not drawn`,
    memoryTitle: 'Memory',
    inputBar: 'input (one group)',
    loweredBar: 'lowered matrix',
    filled: (done: string, total: string) => `${done} of ${total} elements copied`,
    blowup: (lowered: string, input: string, ratio: string) =>
      `The engine’s im2col buffer holds ${lowered} elements for an input of ${input}: ${ratio} the input.`,
    groupNote: (g: number) =>
      `Group 0 of ${g} is shown; the engine repeats the same steps for each group with its own channels, reusing the buffer.`,
    dotTitle: (row: number, col: number) => `One element: Y[${row}, ${col}] = Σ W[${row}, r] · L[r, ${col}]`,
    bias: 'bias',
    moreTerms: (n: number) => `+ ${n} more products`,
    total: (mults: string) =>
      `The GEMM does ${mults} multiplications for the whole layer (from the engine’s counters).`,
    truncated: (shown: string, all: string) =>
      `Stepped through: the first ${shown} of the ${all} patches (columns) of group 0, and the GEMM’s output for those columns; the counters and the memory figures are for the whole layer.`,
    inputAlt: 'Input channel with the current patch outlined; padding cells dashed.',
    columnAlt: 'The current column of the lowered matrix, with its values.',
    loweredAlt: 'The lowered matrix: copied columns shown, the current one outlined.',
    filtersAlt: 'The filter matrix, one row per output channel; the current row outlined.',
    outputAlt: 'The output matrix, filled one row (output channel) per GEMM step.',
    waiting: 'Choose a layer above.',
  },
  zh: {
    title: 'im2col + GEMM 逐步演示',
    subtitle: '回放引擎的 im2col 卷积：每个感受野（patch）被复制成展开矩阵的一列，然后一次矩阵乘法算出整层。',
    convention: (k: number, rows: number, cols: number) =>
      `约定（与引擎一致）：每个输出像素（它的 patch）占一列，每个抽头 (c, kh, kw) 占一行，行号 = (c·Kh + kh)·Kw + kw。于是 W (${k} × ${rows}) · L (${rows} × ${cols}) = Y (${k} × ${cols})。`,
    patchStep: (p: number, oh: number, ow: number, cols: number) =>
      `第 ${p} 个 patch（共 ${cols} 个）：输出像素 (${oh}, ${ow}) 的窗口被复制到展开矩阵的第 ${p} 列。`,
    gemmStep: (row: number, rows: number) =>
      `GEMM 第 ${row} 行（共 ${rows} 行）：滤波器矩阵第 ${row} 行乘以展开矩阵，一次得到所有像素的输出通道 ${row}。`,
    input: (c: number) => `输入通道 ${c}`,
    column: (p: number) => `第 ${p} 列`,
    lowered: (rows: number, cols: number) => `展开矩阵 L（${rows} × ${cols}）`,
    filters: (rows: number, cols: number) => `滤波器矩阵 W（${rows} × ${cols}）`,
    outputMatrix: (rows: number, cols: number) => `输出 Y（${rows} × ${cols}）`,
    cropped: (rows: string, cols: string) => `显示第 ${rows} 行、第 ${cols} 列`,
    moreChannels: (n: number) => `另有 ${n} 个输入通道未画出`,
    memoryTitle: '内存',
    inputBar: '输入（一组）',
    loweredBar: '展开矩阵',
    filled: (done: string, total: string) => `已复制 ${done} / ${total} 个元素`,
    blowup: (lowered: string, input: string, ratio: string) =>
      `引擎的 im2col 缓冲区有 ${lowered} 个元素，而输入只有 ${input} 个：是输入的 ${ratio}。`,
    groupNote: (g: number) =>
      `这里展示 ${g} 组中的第 0 组；引擎对每一组用各自的通道重复同样的步骤，并复用同一块缓冲区。`,
    dotTitle: (row: number, col: number) => `其中一个元素：Y[${row}, ${col}] = Σ W[${row}, r] · L[r, ${col}]`,
    bias: '偏置',
    moreTerms: (n: number) => `+ 另外 ${n} 项乘积`,
    total: (mults: string) => `整层的 GEMM 共做 ${mults} 次乘法（来自引擎的计数器）。`,
    truncated: (shown: string, all: string) =>
      `可单步查看的部分：第 0 组 ${all} 个 patch（列）中的前 ${shown} 个，以及 GEMM 在这些列上的输出；计数和内存数字针对整层。`,
    inputAlt: '输入通道，当前 patch 加框；虚线格为填充。',
    columnAlt: '展开矩阵当前这一列及其数值。',
    loweredAlt: '展开矩阵：已复制的列显示数值，当前列加框。',
    filtersAlt: '滤波器矩阵，每行对应一个输出通道；当前行加框。',
    outputAlt: '输出矩阵，每个 GEMM 步骤填满一行（一个输出通道）。',
    waiting: '请先在上方选择一个卷积层。',
  },
});
