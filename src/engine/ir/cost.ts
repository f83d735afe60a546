// Cost model: parameters, MACs/FLOPs, bytes moved and arithmetic intensity, per node and per graph, from
// the shapes of shape inference (ir/infer.ts). These are the figures of lesson 2.1 (parameters, FLOPs/MACs,
// memory access) and the x axis of a roofline plot.
//
// Conventions:
// - MAC = one multiply-accumulate. Only the ops built from them have MACs: Conv, ConvTranspose, Gemm, MatMul
//   (and their integer/quantized forms). For them FLOPs = 2·MACs; the bias add (one per output, against
//   C·Kh·Kw MACs per output) is left out, as papers do.
// - Element-wise, normalization, pooling and reduction ops have no MACs; their FLOPs are elements × the
//   arithmetic operations per element in FLOPS_PER_ELEMENT (a comparison or a transcendental function counts
//   as one operation). Data movement (Reshape, Transpose, Concat, Gather, …) has 0 FLOPs but moves bytes.
// - Bytes are those of the dtype in a file (float16 = 2): weight bytes for the constant inputs, activation
//   bytes for the others and the outputs, each tensor read or written once (no cache reuse modelled).
//   Arithmetic intensity = FLOPs / (weight + activation bytes).
// - A node computed from constants only (Constant, Identity of a weight, shape arithmetic) costs nothing:
//   constant folding removes it before inference.
// - Symbolic dims (and products of them, "4*batch") take the values given, 1 otherwise (batch = 1); '?' dims
//   count as 1 and mark the node incomplete.
import type { Dim, Model, Node, TypeInfo } from './graph';
import { evaluateDim, type ShapeInference } from './infer';
import { nodeLabel } from './scope';
import { BYTES_PER_ELEMENT, type DType } from './tensor';

export interface CostOptions {
  /** Values of symbolic dims ({ batch: 8 }); a symbol not given counts as 1. */
  symbols?: Record<string, number>;
}

export interface NodeCost {
  node: string;
  opType: string;
  /** Elements of the parameter tensors among the constant inputs (see isParameter). */
  params: number;
  macs: number;
  flops: number;
  weightBytes: number;
  /** Bytes of the non-constant inputs read and of the outputs written. */
  inputBytes: number;
  outputBytes: number;
  /** FLOPs per byte moved (weights + activations); 0 when nothing moves. */
  intensity: number;
  /** Computed from constants only: folded away before inference, so it costs nothing. */
  folded: boolean;
  /** False when a shape the figures need is unknown (the figures then count only what is known). */
  complete: boolean;
}

export interface GraphCost {
  nodes: NodeCost[];
  /** Elements of the parameter tensors stored in the model (initializers and Constant values), each counted once. */
  params: number;
  /** Bytes of all the constants stored in the model. */
  weightBytes: number;
  macs: number;
  flops: number;
  /** Activation bytes read and written, summed over the nodes. */
  activationBytes: number;
  /** Total FLOPs / total bytes moved (weights read by each node + activations). */
  intensity: number;
  /** The value each symbolic dim was given (those not in options.symbols: 1). */
  symbols: Record<string, number>;
  /** Op types that have neither a FLOP formula here nor 0 FLOPs by nature (counted as 0). */
  uncounted: string[];
}

const words = (list: string) => list.trim().split(/\s+/);

/**
 * A parameter is a constant tensor of a weight element type with more than one element. Single numbers are
 * hyper-parameters (Clip bounds, a divisor, an epsilon) and int64/uint64 tensors are shapes, axes or indices;
 * bool and string tensors are masks and labels. (A learned scalar, such as a one-slope PReLU, is missed: rare.)
 */
const isParameter = (dtype: DType, elements: number) => elements > 1 && WEIGHT_DTYPES.has(dtype);
const WEIGHT_DTYPES = new Set<string>(words('float32 float16 float64 int8 uint8 int16 uint16 int32 uint32'));

const one = (op: string) => [op, 1] as const;

/** Arithmetic operations per output element (per input element for reductions, see REDUCTIONS). */
const FLOPS_PER_ELEMENT = new Map<string, number>([
  ...words('Add Sub Mul Div Pow Mod Sqrt Exp Log Erf Abs Neg Reciprocal Floor Ceil Round Sign').map(one),
  ...words('Relu LeakyRelu PRelu Elu Selu Sigmoid HardSigmoid HardSwish Tanh Gelu Softplus Clip').map(one),
  ...words('Equal Less Greater LessOrEqual GreaterOrEqual Not And Or Xor Where').map(one),
  // scale and shift, with the statistics folded into them at inference time
  ['BatchNormalization', 2],
  // divide by the scale and add the zero point / subtract the zero point and multiply (rounding and clamping not counted)
  ['QuantizeLinear', 2],
  ['DequantizeLinear', 2],
  // mean (1), variance (sub, square, add: 3), normalize (sub, multiply by 1/σ: 2), scale and shift (2)
  ['LayerNormalization', 8],
  ['InstanceNormalization', 8],
  // max (1), subtract it (1), exp (1), sum (1), divide (1)
  ['Softmax', 5],
  ['LogSoftmax', 5],
]);

/** Ops whose FLOPs are one per input element: reductions and global pooling. */
const REDUCTIONS = new Set(
  words(`
    GlobalAveragePool GlobalMaxPool ReduceMean ReduceSum ReduceMax ReduceMin ReduceProd ReduceL1
    ReduceL2 ReduceSumSquare ArgMax ArgMin
  `),
);

/** Ops that only move, copy or describe data: 0 FLOPs by nature. */
const DATA_MOVEMENT = new Set(
  words(`
    Reshape Flatten Squeeze Unsqueeze Transpose Concat Split Slice Gather GatherElements Pad Expand
    Tile Identity Dropout Shape Size ConstantOfShape Constant Cast DepthToSpace SpaceToDepth
  `),
);

/** Input positions of the data and weight of the MAC ops (quantized forms carry scales and zero points between). */
const MAC_OPS = new Map<string, { kind: 'conv' | 'convTranspose' | 'gemm' | 'matmul'; x: number; w: number }>(
  [
    ['Conv', { kind: 'conv', x: 0, w: 1 }],
    ['ConvInteger', { kind: 'conv', x: 0, w: 1 }],
    ['QLinearConv', { kind: 'conv', x: 0, w: 3 }],
    ['ConvTranspose', { kind: 'convTranspose', x: 0, w: 1 }],
    ['Gemm', { kind: 'gemm', x: 0, w: 1 }],
    ['MatMul', { kind: 'matmul', x: 0, w: 1 }],
    ['MatMulInteger', { kind: 'matmul', x: 0, w: 1 }],
    ['QLinearMatMul', { kind: 'matmul', x: 0, w: 3 }],
  ],
);

/**
 * onnxruntime's fused forms (com.microsoft), which operator fusion emits: the MACs of their Conv or Gemm
 * (the fused activation, like a bias, is not counted); and the channels-last convolutions of the NHWC
 * conversion, whose weights keep M first ([M, kH, kW, C/group]), so the conv formula holds as it is.
 */
const CONTRIB_MAC_OPS: typeof MAC_OPS = new Map([
  ['FusedConv', { kind: 'conv', x: 0, w: 1 }],
  ['FusedGemm', { kind: 'gemm', x: 0, w: 1 }],
  ['NhwcConv', { kind: 'conv', x: 0, w: 1 }],
  ['QLinearConv', { kind: 'conv', x: 0, w: 3 }],
]);

const product = (dims: readonly number[]) => dims.reduce((p, d) => p * d, 1);

/** Multiply-accumulates of a MAC op, from its input and output dims. */
function macsOf(
  node: Node,
  kind: 'conv' | 'convTranspose' | 'gemm' | 'matmul',
  x: number[],
  w: number[],
  y: number[],
): number {
  switch (kind) {
    case 'conv':
      // Y[N, M, Ho, Wo] from W[M, C/groups, Kh, Kw]: each output element sums C/groups · Kh · Kw products,
      // so MACs = N·M·Ho·Wo · (C/groups)·Kh·Kw (any number of spatial dims)
      return product(y) * product(w.slice(1));
    case 'convTranspose':
      // W[C, M/groups, Kh, Kw]: each input element X[n, c, h, w] is multiplied into (M/groups)·Kh·Kw outputs
      return product(x) * product(w.slice(1));
    case 'gemm': {
      // Y[M, N] = A[M, K] · B[K, N] (A given as [K, M] when transA): MACs = M·N·K
      const transA = node.attributes.transA?.type === 'int' && node.attributes.transA.value !== 0;
      const k = transA ? x[0] : x[1];
      return product(y) * (k ?? 0);
    }
    case 'matmul':
      // numpy matmul: every output element (batch dims broadcast, 1-D operands promoted) sums K products,
      // K = the last dim of A
      return product(y) * (x.at(-1) ?? 0);
  }
}

/** The cost of every node and of the whole graph. */
export function modelCost(
  model: Model,
  inference: ShapeInference,
  { symbols = {} }: CostOptions = {},
): GraphCost {
  const used: Record<string, number> = {};
  const uncounted = new Set<string>();
  /** Dims with symbols replaced by numbers; null when the shape is unknown. */
  const dimsOf = (name: string, complete: { ok: boolean }): number[] | null => {
    const type: TypeInfo | null | undefined = name ? inference.types.get(name) : null;
    if (!type?.shape) {
      complete.ok = false;
      return null;
    }
    return type.shape.map((d: Dim) => {
      const n = evaluateDim(d, (symbol) => (used[symbol] = symbols[symbol] ?? 1));
      if (n === null) complete.ok = false;
      return n ?? 1;
    });
  };
  const bytesOf = (name: string, complete: { ok: boolean }) => {
    const dims = dimsOf(name, complete);
    return dims ? product(dims) * BYTES_PER_ELEMENT[inference.types.get(name)!.dtype] : 0;
  };

  const nodes = model.graph.nodes.map((node, index): NodeCost => {
    const cost: NodeCost = {
      node: nodeLabel(node, index),
      opType: node.opType,
      params: 0,
      macs: 0,
      flops: 0,
      weightBytes: 0,
      inputBytes: 0,
      outputBytes: 0,
      intensity: 0,
      folded:
        node.outputs.some(Boolean) &&
        node.outputs.every((name) => !name || inference.constantValues.has(name)),
      complete: true,
    };
    if (cost.folded) return cost;
    const complete = { ok: true };
    for (const name of node.inputs) {
      if (!name) continue;
      if (inference.constantValues.has(name)) {
        cost.weightBytes += bytesOf(name, complete);
        const type = inference.types.get(name);
        const elements = product(dimsOf(name, complete) ?? [0]);
        if (type && isParameter(type.dtype, elements)) cost.params += elements;
      } else cost.inputBytes += bytesOf(name, complete);
    }
    for (const name of node.outputs) if (name) cost.outputBytes += bytesOf(name, complete);

    const standard = node.domain === '';
    const mac = standard
      ? MAC_OPS.get(node.opType)
      : node.domain === 'com.microsoft'
        ? CONTRIB_MAC_OPS.get(node.opType)
        : undefined;
    const y = dimsOf(node.outputs[0] ?? '', complete);
    if (mac) {
      const x = dimsOf(node.inputs[mac.x] ?? '', complete);
      const w = dimsOf(node.inputs[mac.w] ?? '', complete);
      if (x && w && y) cost.macs = macsOf(node, mac.kind, x, w, y);
      cost.flops = 2 * cost.macs;
    } else if (standard && FLOPS_PER_ELEMENT.has(node.opType)) {
      cost.flops = y ? product(y) * FLOPS_PER_ELEMENT.get(node.opType)! : 0;
    } else if (standard && ['Sum', 'Max', 'Min', 'Mean'].includes(node.opType)) {
      // k inputs: k − 1 operations per element (Mean: k, with the divide)
      const k = node.inputs.filter(Boolean).length;
      cost.flops = y ? product(y) * (node.opType === 'Mean' ? k : k - 1) : 0;
    } else if (standard && (node.opType === 'MaxPool' || node.opType === 'AveragePool')) {
      // each output element looks at kernel_shape input elements
      const kernel = node.attributes.kernel_shape;
      cost.flops = y && kernel?.type === 'ints' ? product(y) * product(kernel.value) : 0;
    } else if (standard && REDUCTIONS.has(node.opType)) {
      const x = dimsOf(node.inputs[0] ?? '', complete);
      cost.flops = x ? product(x) : 0;
    } else if (!(standard && DATA_MOVEMENT.has(node.opType)))
      uncounted.add(node.domain ? `${node.domain}::${node.opType}` : node.opType);

    const moved = cost.weightBytes + cost.inputBytes + cost.outputBytes;
    cost.intensity = moved > 0 ? cost.flops / moved : 0;
    cost.complete = complete.ok;
    return cost;
  });

  // Stored weights, each counted once however many nodes read it
  let params = 0;
  let weightBytes = 0;
  const stored = (dtype: DType, elements: number) => {
    weightBytes += elements * BYTES_PER_ELEMENT[dtype];
    if (isParameter(dtype, elements)) params += elements;
  };
  for (const t of model.graph.initializers.values()) stored(t.dtype, product(t.dims));
  for (const node of model.graph.nodes) {
    const out = node.outputs[0];
    const type = out ? inference.types.get(out) : null;
    if (node.domain === '' && node.opType === 'Constant' && type?.shape && !model.graph.initializers.has(out))
      stored(type.dtype, product(type.shape.map((d) => (typeof d === 'number' ? d : 0))));
  }

  const sum = (key: 'macs' | 'flops' | 'inputBytes' | 'outputBytes' | 'weightBytes') =>
    nodes.reduce((s, n) => s + n[key], 0);
  const activationBytes = sum('inputBytes') + sum('outputBytes');
  const moved = activationBytes + sum('weightBytes');
  return {
    nodes,
    params,
    weightBytes,
    macs: sum('macs'),
    flops: sum('flops'),
    activationBytes,
    intensity: moved > 0 ? sum('flops') / moved : 0,
    symbols: used,
    uncounted: [...uncounted].sort(),
  };
}
