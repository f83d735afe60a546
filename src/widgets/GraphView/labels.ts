// Text drawn on nodes and edges: the few attributes that identify a node at a glance (kernel 3×3, stride 2,
// depthwise …), the weights folded into it, and value shapes. Everything is read defensively: a malformed
// attribute shows nothing rather than throwing.
import type { Attribute, Dim, Node, Tensor, TypeInfo } from '../../engine';

/** Constant tensors by value name: initializers, Constant node outputs, and Identity copies of those. */
export type Constants = ReadonlyMap<string, Tensor>;

/**
 * Collects the constant values of a graph. Identity nodes are followed because PyTorch exports often pass
 * shared weights through one (the Conv then sees an Identity output, not an initializer).
 */
export function constantsOf(graph: {
  nodes: readonly Node[];
  initializers: ReadonlyMap<string, Tensor>;
}): Constants {
  const constants = new Map(graph.initializers);
  for (const node of graph.nodes) {
    const value = node.attributes.value;
    if (node.opType === 'Constant' && value?.type === 'tensor' && node.outputs[0])
      constants.set(node.outputs[0], value.value);
    else if (node.opType === 'Identity' && node.outputs[0]) {
      const t = constants.get(node.inputs[0] ?? '');
      if (t) constants.set(node.outputs[0], t);
    }
  }
  return constants;
}

const ints = (a: Attribute | undefined): number[] | null => (a?.type === 'ints' ? a.value : null);
const int = (a: Attribute | undefined): number | null => (a?.type === 'int' ? a.value : null);
const float = (a: Attribute | undefined): number | null => (a?.type === 'float' ? a.value : null);
const str = (a: Attribute | undefined): string | null => (a?.type === 'string' ? a.value : null);

/** Small numbers as written by a person: 0.01, 6, 1e-5. */
export const shortNumber = (v: number) =>
  Number.isInteger(v) ? String(v) : Number(v.toPrecision(3)).toString();

export const formatDims = (dims: readonly Dim[]) => (dims.length ? dims.join('×') : 'scalar');

/** A value type as an edge label: the shape, with the element type when it is not float32. */
export function formatType(type: TypeInfo | null | undefined): string {
  if (!type) return '';
  const shape = type.shape ? formatDims(type.shape) : '?';
  return type.dtype === 'float32' ? shape : `${type.dtype} ${shape}`;
}

const allOnes = (v: number[] | null) => !v || v.every((x) => x === 1);
const perAxis = (v: number[]) => (v.every((x) => x === v[0]) ? String(v[0]) : v.join('×'));

/** The values of a small constant integer/float tensor (≤ 8 elements), for Reshape targets, Clip bounds … */
function smallConstant(constants: Constants, name: string | undefined): number[] | null {
  const t = name ? constants.get(name) : undefined;
  if (!t || t.dtype === 'string' || t.data.length > 8) return null;
  return Array.from(t.data as ArrayLike<number>);
}

// ONNX TensorProto.DataType codes, for Cast's "to".
const TYPE_CODE: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  16: 'bfloat16',
};

function convDetail(node: Node, constants: Constants, weightIndex: number): string[] {
  const a = node.attributes;
  const weight = constants.get(node.inputs[weightIndex] ?? '');
  const kernel = ints(a.kernel_shape) ?? (weight && weight.dims.length > 2 ? weight.dims.slice(2) : null);
  const parts: string[] = [];
  if (kernel) parts.push(kernel.join('×'));
  const strides = ints(a.strides);
  if (!allOnes(strides)) parts.push(`s${perAxis(strides!)}`);
  const dilations = ints(a.dilations);
  if (!allOnes(dilations)) parts.push(`d${perAxis(dilations!)}`);
  const group = int(a.group) ?? 1;
  // depthwise: one input channel per group (weight dims [C_out, C_in / group, kH, kW] with C_in / group = 1)
  if (group > 1) parts.push(weight && weight.dims[1] === 1 ? 'dw' : `g${group}`);
  const activation = str(a.activation);
  if (activation) parts.push(`+${activation}`);
  return parts;
}

function poolDetail(node: Node): string[] {
  const a = node.attributes;
  const parts: string[] = [];
  const kernel = ints(a.kernel_shape);
  if (kernel) parts.push(kernel.join('×'));
  const strides = ints(a.strides);
  if (!allOnes(strides)) parts.push(`s${perAxis(strides!)}`);
  return parts;
}

const AXIS_OPS = new Set([
  'Concat',
  'Split',
  'Softmax',
  'LogSoftmax',
  'Hardmax',
  'Gather',
  'GatherElements',
  'Flatten',
  'ArgMax',
  'ArgMin',
  'LayerNormalization',
  'CumSum',
  'OneHot',
  'QuantizeLinear',
  'DequantizeLinear',
]);

/** The identifying attributes of a node as one short line, e.g. "3×3 · s2 · dw" for a depthwise Conv. */
export function keyAttributes(node: Node, constants: Constants): string {
  const a = node.attributes;
  const op = node.opType;
  let parts: string[] = [];
  if (op === 'Conv' || op === 'ConvTranspose' || op === 'ConvInteger' || op === 'FusedConv')
    parts = convDetail(node, constants, 1);
  else if (op === 'QLinearConv') parts = convDetail(node, constants, 3);
  else if (/Pool$/.test(op) && !op.startsWith('Global')) parts = poolDetail(node);
  else if (op === 'Gemm' || op === 'FusedGemm') {
    if (int(a.transA)) parts.push('Aᵀ');
    if (int(a.transB)) parts.push('Bᵀ');
    const alpha = float(a.alpha);
    if (alpha !== null && alpha !== 1) parts.push(`α=${shortNumber(alpha)}`);
    const activation = str(a.activation);
    if (activation) parts.push(`+${activation}`);
  } else if (op === 'Clip') {
    const lo = float(a.min) ?? smallConstant(constants, node.inputs[1])?.[0];
    const hi = float(a.max) ?? smallConstant(constants, node.inputs[2])?.[0];
    if (lo !== undefined || hi !== undefined)
      parts.push(
        `[${lo === undefined ? '−∞' : shortNumber(lo)}, ${hi === undefined ? '∞' : shortNumber(hi)}]`,
      );
  } else if (op === 'LeakyRelu' || op === 'Elu' || op === 'Celu' || op === 'HardSigmoid') {
    const alpha = float(a.alpha);
    if (alpha !== null) parts.push(`α=${shortNumber(alpha)}`);
  } else if (op === 'Transpose') {
    const perm = ints(a.perm);
    if (perm) parts.push(`perm=[${perm.join(',')}]`);
  } else if (op === 'Reshape') {
    const target = smallConstant(constants, node.inputs[1]);
    if (target) parts.push(`→ [${target.join(',')}]`);
  } else if (op === 'Squeeze' || op === 'Unsqueeze' || op.startsWith('Reduce')) {
    const axes = ints(a.axes) ?? smallConstant(constants, node.inputs[1]);
    if (axes) parts.push(`axes=[${axes.join(',')}]`);
    if (op.startsWith('Reduce') && int(a.keepdims) === 0) parts.push('drop dims');
  } else if (op === 'Cast') {
    const to = int(a.to);
    if (to !== null) parts.push(`→ ${TYPE_CODE[to] ?? to}`);
  } else if (op === 'Resize' || op === 'Pad') {
    const mode = str(a.mode);
    if (mode) parts.push(mode);
  } else if (op === 'Constant') {
    const value = a.value?.type === 'tensor' ? a.value.value : null;
    if (value)
      parts.push(
        value.data.length === 1 && value.dtype !== 'string'
          ? `= ${shortNumber(Number(value.data[0]))}`
          : `[${formatDims(value.dims)}]`,
      );
  }
  if (AXIS_OPS.has(op)) {
    const axis = int(a.axis);
    if (axis !== null) parts.push(`axis=${axis}`);
  }
  return parts.join(' · ');
}

/** Names of the inputs of common operators, for the weights line ("W 32×3×3×3 · B 32"). */
const ROLES: Record<string, string[]> = {
  Conv: ['X', 'W', 'B'],
  ConvTranspose: ['X', 'W', 'B'],
  FusedConv: ['X', 'W', 'B', 'Z'],
  Gemm: ['A', 'B', 'C'],
  FusedGemm: ['A', 'B', 'C'],
  MatMul: ['A', 'B'],
  BatchNormalization: ['X', 'γ', 'β', 'μ', 'σ²'],
  LayerNormalization: ['X', 'γ', 'β'],
  InstanceNormalization: ['X', 'γ', 'β'],
};

/** The conventional name of input i of an operator ("W" for a Conv's second input), or "#i". */
export const roleOf = (opType: string, i: number) => ROLES[opType]?.[i] ?? `#${i}`;

/** The constant inputs of a node (initializers only: Constant nodes are drawn as nodes), as one line. */
export function weightsSummary(node: Node, initializers: ReadonlyMap<string, Tensor>): string {
  const roles = ROLES[node.opType];
  const parts: string[] = [];
  node.inputs.forEach((name, i) => {
    const t = name ? initializers.get(name) : undefined;
    if (t) parts.push(`${roles?.[i] ?? '⊞'} ${formatDims(t.dims)}`);
  });
  // BatchNormalization's four vectors all have one shape: say it once
  if (parts.length > 3) {
    const dims = node.inputs
      .map((n) => initializers.get(n))
      .filter((t) => t !== undefined)
      .map((t) => formatDims(t.dims));
    return new Set(dims).size === 1 ? `${parts.length} × ${dims[0]}` : `${parts.length} weights`;
  }
  return parts.join(' · ');
}
