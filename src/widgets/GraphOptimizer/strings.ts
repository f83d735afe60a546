import { defineStrings } from '../../ui/i18n';
import type { PassLevel, PassName, Rewrite } from '../../engine';

// Sweeps (`iteration`) are numbered from 1 by the pipeline.
/** A message as a sentence: the engine's messages come without a final full stop. */
const sentence = (message: string, stop: string) => (/[.!?。！？]$/.test(message) ? message : message + stop);

/** What the step summary counts of a rewrite (its one-line description is rewriteText.ts's). */
type RewriteCounts = Pick<Rewrite, 'removed' | 'added' | 'changed'>;

export const strings = defineStrings({
  en: {
    title: 'Graph-optimization playground',
    subtitle:
      'Real passes on a real ONNX graph, run in a background Worker. Step through every rewrite, check the result in onnxruntime-web, download it.',
    // loading
    model: 'Model',
    zooGroup: 'Model zoo',
    examplesGroup: 'Small examples (text)',
    openFile: 'Open .onnx…',
    ownFile: 'Your file',
    dropHint: 'or drop an .onnx file here',
    dropHere: 'Drop the .onnx file to load it',
    loadBig: (id: string, mb: string) => `Load ${id} (${mb} MB)`,
    bigHint: 'This model is large: it loads when you ask for it.',
    loadingModel: (name: string) => `Loading ${name}…`,
    loadFailed: (name: string, message: string) => `Could not load ${name}: ${sentence(message, '.')}`,
    keptModel: (name: string) => `${name} stays loaded.`,
    tooLarge: (mb: string, limit: number) =>
      `the file has ${mb} MB; the playground takes models up to ${limit} MB`,
    noModel: 'No model loaded yet.',
    manifestFailed: (message: string) => `The model list could not be loaded: ${message}`,
    // passes
    passes: 'Passes',
    preset: 'Preset',
    presets: { basic: 'Basic', extended: 'Extended', all: 'All (with layout)' } satisfies Record<
      PassLevel,
      string
    >,
    custom: 'Custom',
    choosePasses: 'Choose passes',
    contribOps: 'Fused ops as onnxruntime contrib ops (com.microsoft)',
    whatIsThis: 'what is this?',
    contribTip:
      'FusedConv and FusedGemm live in the com.microsoft domain: onnxruntime runs them, other runtimes may not. Off: fusions that need them are skipped and the model stays standard ONNX.',
    levelGroup: { basic: 'Basic', extended: 'Extended', all: 'All' } satisfies Record<PassLevel, string>,
    passTips: {
      'eliminate-redundant':
        'Removes nodes that do nothing at inference: Identity, Dropout, a Reshape to the same shape…',
      'dead-code': 'Removes nodes whose outputs nobody reads, and unused initializers.',
      'constant-folding':
        'Computes ahead of time every node whose inputs are all constants, and stores the result.',
      cse: 'Common-subexpression elimination: two nodes with the same op, attributes and inputs become one.',
      'fold-batchnorm':
        'Folds a BatchNormalization into the Conv or Gemm before it by rescaling its weights and bias.',
      'fold-affine': 'Folds a constant Mul/Add after a Conv or Gemm into its weights and bias.',
      'fuse-activation': 'Fuses Relu, Clip (ReLU6), Sigmoid… into the Conv or Gemm before it.',
      'matmul-add-to-gemm': 'Replaces MatMul followed by the Add of a bias with one Gemm.',
      'transpose-cancel': 'Removes Transpose pairs that undo each other, and merges consecutive ones.',
      'reshape-merge': 'Merges consecutive Reshape/Flatten nodes into one.',
      'activation-after-pool':
        'Moves a monotonic activation after MaxPool, where it touches 4× fewer values.',
      'layout-nhwc':
        'Converts convolutions to the NHWC (channels-last) layout, with Transposes at the edges.',
    } satisfies Record<PassName, string>,
    // pipeline
    optimizing: (pass: string, iteration: number, rewrites: number) =>
      `Optimizing… sweep ${iteration}, ${pass}: ${rewrites} rewrite${rewrites === 1 ? '' : 's'} so far`,
    optimizingStart: 'Optimizing…',
    optimized: (rewrites: number, sweeps: number, ms: string, converged: boolean) =>
      `${rewrites} rewrite${rewrites === 1 ? '' : 's'} in ${sweeps} sweep${sweeps === 1 ? '' : 's'} (${ms} ms)${converged ? ', fixed point reached' : ', stopped at the sweep limit before a fixed point'}.`,
    optimizeFailed: (message: string) => `The optimization failed: ${message}`,
    cancel: 'Cancel',
    cancelled: 'Cancelled.',
    progress: 'Progress',
    // tabs
    tabs: 'Views',
    tabGraph: 'Graph',
    tabMemory: 'Memory',
    tabText: 'Text IR',
    // timeline
    timeline: 'Timeline',
    rewriteOf: (i: number, n: number) => `Rewrite ${i} of ${n}`,
    atInput: (n: number) => `Input graph (${n} rewrite${n === 1 ? '' : 's'} ahead)`,
    start: 'The input graph, before any pass.',
    stepSummary: (pass: string, iteration: number, _step: RewriteCounts) => `${pass} (sweep ${iteration}): `,
    prevPass: '◀◀ Pass',
    nextPass: 'Pass ▶▶',
    prevPassLabel: 'Back to the end of the previous pass',
    nextPassLabel: 'Forward to the end of the next pass',
    noRewrites: 'No pass applies to this graph: it is already at a fixed point.',
    compareWith: 'Left pane shows',
    compareOriginal: 'the input graph',
    comparePrevious: 'the graph before this rewrite',
    overlay: 'Node colours',
    overlays: { none: 'Op type', macs: 'MACs', params: 'Parameters', bytes: 'Bytes moved' },
    before: 'Before',
    after: 'After',
    beforeAt: (p: number) => (p === 0 ? 'Before: input graph' : `Before: after rewrite ${p}`),
    afterAt: (p: number) => (p === 0 ? 'After: input graph (no rewrite yet)' : `After: rewrite ${p}`),
    analysing: 'Analysing…',
    runsCaption: 'Pass runs, sweep by sweep',
    colPass: 'Pass',
    colSweep: 'Sweep',
    colRewrites: 'Rewrites',
    colMs: 'Time (ms)',
    colNodesAfter: 'Nodes after',
    jump: (pass: string) => `Go to the end of ${pass}`,
    // stats
    statsCaption: 'The two graphs compared',
    colWhat: 'Figure',
    colBefore: 'Before',
    colAfter: 'After',
    colChange: 'Change',
    rowNodes: 'Nodes',
    rowParams: 'Parameters',
    rowMacs: 'MACs',
    rowPeak: 'Planned peak memory',
    rowOps: 'Nodes by op type',
    problems: 'Shape inference and memory planning could not cover everything:',
    // verify
    verify: 'Verify in onnxruntime-web',
    verifyTitle: 'Does the optimized graph compute the same thing?',
    verifyIntro: (runs: number) =>
      `Runs the input graph and the graph on the right in onnxruntime-web (in a Worker) on the same seeded random input, with onnxruntime's own graph optimizations disabled so that only these passes differ, then at its default level for reference. Latency: median of ${runs} timed runs after 2 warm-ups.`,
    verifying: (what: string) => `Verifying: ${what}…`,
    verifyStages: {
      encode: 'writing both models',
      load: 'loading onnxruntime-web and the models',
      run: 'running both on the same input',
      time: 'timing',
    },
    verifyCancelled: 'Verification cancelled.',
    verifyFailed: (message: string) => `Verification failed: ${message}`,
    verifyDone: (ok: boolean) =>
      ok ? 'The outputs agree within the tolerance.' : 'The outputs differ by more than the tolerance.',
    cannotRun: (reason: string) =>
      `onnxruntime-web cannot run this optimized graph, so it is neither verified nor exported as is: ${reason}`,
    blockers: (n: number, list: string) => `${n} node${n === 1 ? '' : 's'} — ${list}${n > 3 ? '; …' : ''}`,
    errorsCaption: 'Largest differences, optimized vs input graph (both with onnxruntime optimizations off)',
    colOutput: 'Output',
    colMaxAbs: 'Max |Δ|',
    colMaxRel: 'Max |Δ| / max |y|',
    colTolerance: 'Within tolerance',
    yes: 'yes',
    no: 'no',
    latencyCaption: 'Latency per run (median, ms), batch 1',
    colModel: 'Graph',
    colOrtOff: 'onnxruntime optimizations off',
    colOrtAll: 'onnxruntime optimizations on (default)',
    rowInput: 'Input graph',
    rowOptimized: 'Optimized graph',
    tolerance: (tol: string) => `Tolerance: max |Δ| ≤ ${tol} · max |y| (float32 sums in another order).`,
    // download
    download: 'Download optimized .onnx',
    downloadLabel: (contrib: boolean) =>
      contrib
        ? 'Download the graph on the right as ONNX (may use com.microsoft contrib ops)'
        : 'Download the graph on the right as standard ONNX',
    downloadFailed: (message: string) => `The download failed: ${message}`,
    // memory
    memoryTitle: 'Activation memory of one inference (batch 1)',
    memoryNone: 'No memory plan for this graph.',
    naive: 'No reuse (each tensor its own buffer)',
    planned: 'Greedy arena (largest tensors first)',
    lowerBound: 'Lower bound (most bytes alive at one step)',
    ganttAlt: (n: number) =>
      `Tensor lifetimes: ${n} activation tensors, each a bar from the step that writes it to the last step that reads it, placed at its offset in the arena.`,
    stepAxis: 'execution step (node)',
    offsetAxis: 'arena offset',
    tensorTip: (name: string, size: string, steps: string, offset: string) =>
      `${name}: ${size}, steps ${steps}, offset ${offset}`,
    // a graph input lives from before the first step, a graph output to after the last
    stepInput: 'input',
    stepEnd: 'end',
    memoryOf: 'Plan of',
    inPlace: (n: number, size: string) =>
      `${n} element-wise node${n === 1 ? '' : 's'} could also write in place over ${n === 1 ? 'its' : 'their'} input (${size} in all).`,
    tensorsCaption: 'Tensors, largest first',
    nc4hw4Title: 'What if the feature maps were stored in NC4HW4?',
    nc4hw4Intro:
      'Channels in blocks of 4, the last block zero-padded: a tensor of C channels takes ⌈C/4⌉·4 channels of memory. A what-if report on the graph’s 4-D activations, not a rewrite.',
    nc4hw4Row: (side: string, bytes: string, blocked: string, pct: string) =>
      `${side}: ${bytes} in NCHW → ${blocked} in NC4HW4 (${pct} more)`,
    nc4hw4None: 'No 4-D activations to block.',
    nc4hw4Caption: 'Activations that need padding, most padding first',
    colChannels: 'Channels',
    colPadded: 'Padded to',
    colExtra: 'Extra',
    colTensor: 'Tensor',
    colSize: 'Size',
    colLife: 'Steps',
    colOffset: 'Offset',
    // text
    textIntro:
      'The input graph in the ONNX text syntax. Edit it: the graph is rebuilt and the passes run again as you type. Large weights print as {...} and keep their values.',
    textLabel: 'ONNX text of the input graph',
    parseOk: 'Parsed: the panes show this graph.',
    parseWarning: (line: number, message: string) =>
      `Parsed, but line ${line} needs a look: ${message}. The passes leave that node alone, and shapes after it are unknown.`,
    parseError: (line: number, column: number, message: string) =>
      `Line ${line}, column ${column}: ${message}`,
    parsing: 'Parsing…',
    caption:
      'Rings: red on the left, removed; green on the right, added; amber, changed in place. Select a node to ring, in the other pane, the nodes it replaced or was replaced by. Shapes come from the engine’s shape inference, MACs and parameters from its cost model, memory from its planner, all at batch 1.',
    // units
  },
  zh: {
    title: '计算图优化实验场',
    subtitle:
      '真实的优化 pass 作用在真实的 ONNX 计算图上，在后台 Worker 中运行。逐条查看每一次改写，用 onnxruntime-web 验证结果，并下载优化后的模型。',
    model: '模型',
    zooGroup: '模型库',
    examplesGroup: '小例子（文本）',
    openFile: '打开 .onnx…',
    ownFile: '你的文件',
    dropHint: '或把 .onnx 文件拖到这里',
    dropHere: '松开鼠标即可加载该 .onnx 文件',
    loadBig: (id: string, mb: string) => `加载 ${id}（${mb} MB）`,
    bigHint: '这个模型较大，点击后才加载。',
    loadingModel: (name: string) => `正在加载 ${name}…`,
    loadFailed: (name: string, message: string) => `无法加载 ${name}：${sentence(message, '。')}`,
    keptModel: (name: string) => `仍保留已加载的 ${name}。`,
    tooLarge: (mb: string, limit: number) => `文件大小为 ${mb} MB，实验场最多接受 ${limit} MB 的模型`,
    noModel: '尚未加载模型。',
    manifestFailed: (message: string) => `无法加载模型列表：${message}`,
    passes: '优化 pass',
    preset: '预设',
    presets: { basic: '基础', extended: '扩展', all: '全部（含布局转换）' } satisfies Record<
      PassLevel,
      string
    >,
    custom: '自定义',
    choosePasses: '选择 pass',
    contribOps: '融合算子使用 onnxruntime 扩展算子（com.microsoft）',
    whatIsThis: '这是什么？',
    contribTip:
      'FusedConv 和 FusedGemm 属于 com.microsoft 域：onnxruntime 能运行，其他运行时未必支持。关闭后，需要它们的融合会被跳过，模型保持为标准 ONNX。',
    levelGroup: { basic: '基础', extended: '扩展', all: '全部' } satisfies Record<PassLevel, string>,
    passTips: {
      'eliminate-redundant': '删除推理时什么也不做的节点：Identity、Dropout、reshape 成相同形状的 Reshape……',
      'dead-code': '删除输出没有被任何节点读取的节点，以及没有用到的初始化器（权重）。',
      'constant-folding': '对所有输入都是常量的节点提前求值，把结果存成常量。',
      cse: '公共子表达式消除：算子、属性和输入都相同的两个节点合并为一个。',
      'fold-batchnorm': '通过缩放权重和偏置，把 BatchNormalization 折叠进它前面的 Conv 或 Gemm。',
      'fold-affine': '把 Conv 或 Gemm 之后的常量 Mul/Add 折叠进它的权重和偏置。',
      'fuse-activation': '把 Relu、Clip（ReLU6）、Sigmoid 等激活融合进它前面的 Conv 或 Gemm。',
      'matmul-add-to-gemm': '把 MatMul 加上偏置的 Add 替换成一个 Gemm。',
      'transpose-cancel': '删除互相抵消的 Transpose 对，合并相邻的 Transpose。',
      'reshape-merge': '把相邻的 Reshape/Flatten 合并成一个。',
      'activation-after-pool': '把单调的激活函数移到 MaxPool 之后，要处理的数值少到 1/4。',
      'layout-nhwc': '把卷积转换到 NHWC（通道在最后）布局，在边界处插入 Transpose。',
    } satisfies Record<PassName, string>,
    optimizing: (pass: string, iteration: number, rewrites: number) =>
      `正在优化… 第 ${iteration} 轮，${pass}：已完成 ${rewrites} 次改写`,
    optimizingStart: '正在优化…',
    optimized: (rewrites: number, sweeps: number, ms: string, converged: boolean) =>
      `共 ${rewrites} 次改写，${sweeps} 轮（${ms} ms）${converged ? '，已到达不动点' : '，达到轮数上限，尚未到达不动点'}。`,
    optimizeFailed: (message: string) => `优化失败：${message}`,
    cancel: '取消',
    cancelled: '已取消。',
    progress: '进度',
    tabs: '视图',
    tabGraph: '计算图',
    tabMemory: '内存',
    tabText: '文本 IR',
    timeline: '时间线',
    rewriteOf: (i: number, n: number) => `第 ${i} / ${n} 次改写`,
    atInput: (n: number) => `输入的计算图（后面还有 ${n} 次改写）`,
    start: '输入的计算图，尚未运行任何 pass。',
    stepSummary: (pass: string, iteration: number, step: RewriteCounts) => {
      const counts = [
        step.removed.length ? `删除 ${step.removed.length} 个节点` : '',
        step.added.length ? `新增 ${step.added.length} 个节点` : '',
        step.changed.length ? `修改 ${step.changed.length} 个节点` : '',
      ].filter(Boolean);
      return `${pass}（第 ${iteration} 轮）：${counts.length ? `${counts.join('、')}。` : ''}原文：`;
    },
    prevPass: '◀◀ 上一个 pass',
    nextPass: '下一个 pass ▶▶',
    prevPassLabel: '回到上一个 pass 结束时',
    nextPassLabel: '前进到下一个 pass 结束时',
    noRewrites: '没有 pass 能作用于这个计算图：它已经处于不动点。',
    compareWith: '左侧窗格显示',
    compareOriginal: '输入的计算图',
    comparePrevious: '本次改写之前的计算图',
    overlay: '节点着色',
    overlays: { none: '算子类型', macs: 'MACs', params: '参数量', bytes: '访存字节数' },
    before: '优化前',
    after: '优化后',
    beforeAt: (p: number) => (p === 0 ? '优化前：输入的计算图' : `优化前：第 ${p} 次改写之后`),
    afterAt: (p: number) => (p === 0 ? '优化后：输入的计算图（尚未改写）' : `优化后：第 ${p} 次改写`),
    analysing: '分析中…',
    runsCaption: '每一轮中各个 pass 的运行情况',
    colPass: 'Pass',
    colSweep: '轮次',
    colRewrites: '改写次数',
    colMs: '用时（ms）',
    colNodesAfter: '之后的节点数',
    jump: (pass: string) => `跳到 ${pass} 结束时`,
    statsCaption: '两个计算图的对比',
    colWhat: '指标',
    colBefore: '优化前',
    colAfter: '优化后',
    colChange: '变化',
    rowNodes: '节点数',
    rowParams: '参数量',
    rowMacs: 'MACs',
    rowPeak: '规划后的内存峰值',
    rowOps: '各算子类型的节点数',
    problems: '形状推导和内存规划没能覆盖全部内容：',
    verify: '用 onnxruntime-web 验证',
    verifyTitle: '优化后的计算图算出的结果一样吗？',
    verifyIntro: (runs: number) =>
      `在 onnxruntime-web（后台 Worker）中，用同一个带种子的随机输入分别运行输入的计算图和右侧的计算图。先关闭 onnxruntime 自身的图优化，使两者只差在这里的 pass 上；再以它的默认级别运行作参考。时延取 2 次预热之后 ${runs} 次计时运行的中位数。`,
    verifying: (what: string) => `验证中：${what}…`,
    verifyStages: {
      encode: '写出两个模型',
      load: '加载 onnxruntime-web 和模型',
      run: '用同一输入运行两个模型',
      time: '计时',
    },
    verifyCancelled: '验证已取消。',
    verifyFailed: (message: string) => `验证失败：${message}`,
    verifyDone: (ok: boolean) => (ok ? '输出在容差范围内一致。' : '输出的差异超过了容差。'),
    cannotRun: (reason: string) =>
      `onnxruntime-web 无法运行这个优化后的计算图，因此既不验证，也不按原样导出：${reason}`,
    blockers: (n: number, list: string) => `${n} 个节点——${list}${n > 3 ? '；……' : ''}`,
    errorsCaption: '最大差异：优化后 vs 输入的计算图（两者都关闭 onnxruntime 的优化）',
    colOutput: '输出',
    colMaxAbs: '最大 |Δ|',
    colMaxRel: '最大 |Δ| / 最大 |y|',
    colTolerance: '在容差内',
    yes: '是',
    no: '否',
    latencyCaption: '每次运行的时延（中位数，ms），批大小 1',
    colModel: '计算图',
    colOrtOff: '关闭 onnxruntime 优化',
    colOrtAll: '开启 onnxruntime 优化（默认）',
    rowInput: '输入的计算图',
    rowOptimized: '优化后的计算图',
    tolerance: (tol: string) => `容差：最大 |Δ| ≤ ${tol} · 最大 |y|（float32 累加顺序不同所致）。`,
    download: '下载优化后的 .onnx',
    downloadLabel: (contrib: boolean) =>
      contrib
        ? '把右侧的计算图下载为 ONNX（可能含 com.microsoft 扩展算子）'
        : '把右侧的计算图下载为标准 ONNX',
    downloadFailed: (message: string) => `下载失败：${message}`,
    memoryTitle: '一次推理的激活内存（批大小 1）',
    memoryNone: '这个计算图没有内存规划结果。',
    naive: '不复用（每个张量单独一块内存）',
    planned: '贪心内存池（从最大的张量开始放）',
    lowerBound: '下界（某一步同时存活的最多字节数）',
    ganttAlt: (n: number) =>
      `张量生命周期：${n} 个激活张量，每个是一根横条，从写出它的那一步到最后读取它的那一步，纵向位置是它在内存池中的偏移。`,
    stepAxis: '执行步骤（节点）',
    offsetAxis: '内存池偏移',
    tensorTip: (name: string, size: string, steps: string, offset: string) =>
      `${name}：${size}，步骤 ${steps}，偏移 ${offset}`,
    stepInput: '输入',
    stepEnd: '结束',
    memoryOf: '规划对象',
    inPlace: (n: number, size: string) => `另有 ${n} 个逐元素节点可以原地写回它的输入（共 ${size}）。`,
    tensorsCaption: '张量（从大到小）',
    nc4hw4Title: '如果特征图以 NC4HW4 存放会怎样？',
    nc4hw4Intro:
      '每 4 个通道一块，最后一块补零：C 个通道的张量占 ⌈C/4⌉·4 个通道的内存。这是对计算图中四维激活的假设分析，并不改写计算图。',
    nc4hw4Row: (side: string, bytes: string, blocked: string, pct: string) =>
      `${side}：NCHW 下 ${bytes} → NC4HW4 下 ${blocked}（多 ${pct}）`,
    nc4hw4None: '没有可以分块的四维激活。',
    nc4hw4Caption: '需要填充的激活（填充最多的在前）',
    colChannels: '通道数',
    colPadded: '补齐到',
    colExtra: '额外内存',
    colTensor: '张量',
    colSize: '大小',
    colLife: '步骤',
    colOffset: '偏移',
    textIntro:
      '输入计算图的 ONNX 文本形式。修改它，计算图会随输入重建，pass 也会重新运行。较大的权重显示为 {...}，其数值保持不变。',
    textLabel: '输入计算图的 ONNX 文本',
    parseOk: '解析成功：窗格显示的就是这个计算图。',
    parseWarning: (line: number, message: string) =>
      `已解析，但请检查第 ${line} 行：${message}。pass 不会改动这个节点，它之后的形状也无从得知。`,
    parseError: (line: number, column: number, message: string) => `第 ${line} 行第 ${column} 列：${message}`,
    parsing: '解析中…',
    caption:
      '圆环：左侧红色表示被删除，右侧绿色表示新增，琥珀色表示原地修改。选中一个节点，另一个窗格会圈出它所替代的、或替代它的节点。形状来自引擎的形状推导，MACs 和参数量来自它的代价模型，内存来自它的内存规划器，批大小均为 1。',
  },
});
