import { defineStrings } from '../../ui/i18n';

export const strings = defineStrings({
  en: {
    title: 'Winograd convolution, step by step',
    subtitle:
      'The engine’s Winograd kernels replayed: transform the filter and each input tile, multiply element by element, transform back — and count the multiplications.',
    modes: 'Algorithm',
    mode1d: '1-D F(2,3)',
    mode2: '2-D F(2×2, 3×3)',
    mode4: '2-D F(4×4, 3×3)',
    fp16: 'Round every transform stage to float16 (fp16-style)',
    matricesTitle: (variant: string) => `Transform matrices of ${variant} (Lavin & Gray 2016)`,
    signalLength: 'Signal length',
    newValues: 'New random values',
    seed: (seed: number) => `seed ${seed}`,
    signal: 'Signal d',
    outputs: 'Outputs y',
    filter1d: (g: string) => `Filter g = [${g}]`,
    stages: ['Filter transform', 'Input transform', 'Element-wise products (α² GEMMs)', 'Output transform'],
    filterStep1d: 'Filter transform u = G g: done once, before any input arrives.',
    tileStep1d: (t: number, a: number, b: number) =>
      `Tile ${t}: inputs d = signal[${a}…${b}] give two outputs with 4 multiplications (u ⊙ v).`,
    lastTile1d: 'The last tile reads a zero past the end and keeps one output.',
    directCheck: (i: number) => `Direct: y[${i}] =`,
    filterStep: (c: number) =>
      `Filter transform U = G g Gᵀ for output channel 0, input channel ${c}: done once per layer, before inference.`,
    inputStep: (c: number, t: number, r: string, col: string) =>
      `Input transform V = Bᵀ d B of channel ${c}, tile ${t}: the input patch at rows ${r}, columns ${col} (zeros outside the input).`,
    gemmStep: (xi: number, i: number, j: number, rows: number, inner: number, cols: number) =>
      `Position ξ = ${xi} (row ${i}, column ${j}) of every tile: M[ξ] = U[ξ] · V[ξ], a (${rows} × ${inner}) · (${inner} × ${cols}) GEMM — the sum over input channels of the element-wise products.`,
    outputStep: (t: number, r: string, col: string) =>
      `Output transform Y = Aᵀ M A of tile ${t}: the outputs at rows ${r}, columns ${col} of channel 0.`,
    inputPlane: (c: number) => `Input channel ${c}`,
    outputPlane: 'Output channel 0',
    cropped: (rows: string, cols: string) => `rows ${rows}, columns ${cols} shown`,
    tilesShown: (shown: number, all: number) => `The trace holds the first ${shown} of ${all} tiles.`,
    channelZero: (k: number) =>
      `The steps follow output channel 0 of ${k} (and every input channel it sums over); the whole-layer counts cover all ${k}.`,
    channelsShown: (shown: number, all: number) =>
      `products of input channels 0–${shown - 1} of ${all} shown`,
    tilesOf: (shown: number, all: number) => `tiles 0–${shown - 1} of ${all} shown`,
    sumOver: (c: number) =>
      c === 1 ? 'M = U ⊙ V (one input channel)' : `M = Σ over ${c} input channels of U ⊙ V`,
    bias: (b: string) => `+ bias ${b}`,
    countsTitle: 'Multiplications',
    perTile: (m: number, r: number, wino: number, direct: number) =>
      `Per tile and channel pair: (m + r − 1)² = (${m} + ${r} − 1)² = ${wino} against m²r² = ${m}²·${r}² = ${direct} for direct convolution.`,
    perTile1d: 'Per tile of 2 outputs: 4 multiplications against 2 · 3 = 6 for direct correlation.',
    soFar: 'so far (these outputs)',
    wholeLayer: 'whole layer (engine counters)',
    winograd: 'Winograd',
    direct: 'direct',
    fewer: (ratio: string) => `${ratio} fewer multiplications`,
    transformCost: (ops: string) =>
      `The transforms cost ${ops} additions and scalings on top (counted apart by the engine).`,
    exact1d: 'In 1-D the saving is m·r / (m + r − 1) = 2·3 / 4 = 1.5×.',
    exact2d: (m: number, r: number, ratio: string) =>
      `On a tile-aligned layer without padding the saving is exactly m²r² / (m + r − 1)² = ${m * m * r * r} / ${(m + r - 1) ** 2} = ${ratio}.`,
    paddingNote:
      'This layer has padding: the direct kernel skips the taps that fall on it, while Winograd transforms whole tiles, so the ratio is below the tile-aligned figure.',
    errorsTitle: 'Error against a float64 reference (max |y − y₆₄|, and relative to max |y₆₄|)',
    algorithm: 'algorithm',
    fp32Col: 'float32',
    fp16Col: 'float16 transforms',
    directRow: 'direct',
    errorNote:
      'Larger tiles need larger interpolation points (±2, 1/24 …): more rounding error. Rounding the transforms to float16 multiplies it.',
    needs: 'Winograd F(m×m, 3×3) needs a 3×3 kernel, stride 1 and dilation 1',
    waiting: 'Choose a layer above.',
    planeAlt: 'Plane with the current tile outlined.',
  },
  zh: {
    title: 'Winograd 卷积逐步演示',
    subtitle:
      '回放引擎的 Winograd 卷积：先变换滤波器和每个输入 tile，再逐元素相乘，最后变换回来——并统计乘法次数。',
    modes: '算法',
    mode1d: '一维 F(2,3)',
    mode2: '二维 F(2×2, 3×3)',
    mode4: '二维 F(4×4, 3×3)',
    fp16: '每一步变换都舍入到 float16（模拟 fp16）',
    matricesTitle: (variant: string) => `${variant} 的变换矩阵（Lavin & Gray 2016）`,
    signalLength: '信号长度',
    newValues: '换一组随机数',
    seed: (seed: number) => `种子 ${seed}`,
    signal: '信号 d',
    outputs: '输出 y',
    filter1d: (g: string) => `滤波器 g = [${g}]`,
    stages: ['滤波器变换', '输入变换', '逐元素乘积（α² 个 GEMM）', '输出变换'],
    filterStep1d: '滤波器变换 u = G g：在任何输入到来之前只做一次。',
    tileStep1d: (t: number, a: number, b: number) =>
      `第 ${t} 个 tile：输入 d = signal[${a}…${b}]，用 4 次乘法（u ⊙ v）得到两个输出。`,
    lastTile1d: '最后一个 tile 越过末尾读入 0，只保留一个输出。',
    directCheck: (i: number) => `直接计算：y[${i}] =`,
    filterStep: (c: number) =>
      `滤波器变换 U = G g Gᵀ（输出通道 0，输入通道 ${c}）：每层只做一次，在推理之前完成。`,
    inputStep: (c: number, t: number, r: string, col: string) =>
      `输入变换 V = Bᵀ d B（通道 ${c}，第 ${t} 个 tile）：取输入第 ${r} 行、第 ${col} 列的块（输入之外补 0）。`,
    gemmStep: (xi: number, i: number, j: number, rows: number, inner: number, cols: number) =>
      `所有 tile 的位置 ξ = ${xi}（第 ${i} 行第 ${j} 列）：M[ξ] = U[ξ] · V[ξ]，一个 (${rows} × ${inner}) · (${inner} × ${cols}) 的 GEMM——即逐元素乘积对输入通道求和。`,
    outputStep: (t: number, r: string, col: string) =>
      `输出变换 Y = Aᵀ M A（第 ${t} 个 tile）：得到输出通道 0 的第 ${r} 行、第 ${col} 列。`,
    inputPlane: (c: number) => `输入通道 ${c}`,
    outputPlane: '输出通道 0',
    cropped: (rows: string, cols: string) => `显示第 ${rows} 行、第 ${cols} 列`,
    tilesShown: (shown: number, all: number) => `轨迹保留了 ${all} 个 tile 中的前 ${shown} 个。`,
    channelZero: (k: number) =>
      `步骤跟随 ${k} 个输出通道中的通道 0（以及它要求和的所有输入通道）；整层计数涵盖全部 ${k} 个通道。`,
    channelsShown: (shown: number, all: number) => `显示 ${all} 个输入通道中第 0–${shown - 1} 个的乘积`,
    tilesOf: (shown: number, all: number) => `显示 ${all} 个 tile 中的第 0–${shown - 1} 个`,
    sumOver: (c: number) => (c === 1 ? 'M = U ⊙ V（一个输入通道）' : `M = 对 ${c} 个输入通道求和 U ⊙ V`),
    bias: (b: string) => `+ 偏置 ${b}`,
    countsTitle: '乘法次数',
    perTile: (m: number, r: number, wino: number, direct: number) =>
      `每个 tile、每对通道：(m + r − 1)² = (${m} + ${r} − 1)² = ${wino}，直接卷积需要 m²r² = ${m}²·${r}² = ${direct}。`,
    perTile1d: '每个 tile（2 个输出）：4 次乘法，直接相关需要 2 · 3 = 6 次。',
    soFar: '到目前为止（这些输出）',
    wholeLayer: '整层（引擎计数器）',
    winograd: 'Winograd',
    direct: '直接',
    fewer: (ratio: string) => `乘法少 ${ratio}`,
    transformCost: (ops: string) => `变换另外需要 ${ops} 次加法和缩放（引擎单独计数）。`,
    exact1d: '一维时节省的倍数是 m·r / (m + r − 1) = 2·3 / 4 = 1.5×。',
    exact2d: (m: number, r: number, ratio: string) =>
      `在无填充、与 tile 对齐的层上，节省的倍数正好是 m²r² / (m + r − 1)² = ${m * m * r * r} / ${(m + r - 1) ** 2} = ${ratio}。`,
    paddingNote:
      '这一层有填充：直接卷积跳过落在填充上的抽头，而 Winograd 变换整块 tile，所以比值低于对齐时的数字。',
    errorsTitle: '相对 float64 参考结果的误差（max |y − y₆₄|，以及相对 max |y₆₄| 的比值）',
    algorithm: '算法',
    fp32Col: 'float32',
    fp16Col: 'float16 变换',
    directRow: '直接卷积',
    errorNote: 'tile 越大，插值点越大（±2、1/24 …），舍入误差越大；把变换舍入到 float16 会把误差成倍放大。',
    needs: 'Winograd F(m×m, 3×3) 要求 3×3 卷积核、步长 1、膨胀 1',
    waiting: '请先在上方选择一个卷积层。',
    planeAlt: '平面，当前 tile 加框。',
  },
});
