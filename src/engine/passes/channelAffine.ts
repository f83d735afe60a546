// A per-channel affine map y[:, c, …] = scale[c] · x[:, c, …] + shift[c] (channel = axis 1) and how to fold
// one into the Conv or Gemm that produces x, which is what BatchNormalization at inference and a Mul/Add by a
// per-channel constant are. Folding is exact algebra:
//   Conv:  scale · (W ∗ x + B) + shift = (scale · W) ∗ x + (scale · B + shift), scaling output channel m of
//          W (its first axis) by scale[m]; zero padding stays zero.
//   Gemm:  scale ⊙ (α·A·B' + β·C) + shift = α·A·(B'·diag(scale)) + (scale ⊙ β·C + shift), scaling column n of
//          B' (a column of B, or a row when transB = 1); the new bias is written with β = 1.
// The new weights are computed in float64 and stored once in the weights' type.
import { addInitializer, nameGenerator } from '../ir/edit';
import { roundToHalf } from '../ir/float16';
import type { Graph, Model, Node } from '../ir/graph';
import type { DType, Tensor } from '../ir/tensor';
import { attrFloat, attrInt, floatConstant, isOp, opsetOf } from './query';

export interface ChannelAffine {
  scale: Float64Array;
  shift: Float64Array;
}

/** A float tensor from float64 values, rounded to half precision for float16. */
export function floatTensor(dtype: DType, dims: number[], values: Float64Array): Tensor {
  if (dtype === 'float64') return { dtype, dims, data: values };
  const data = new Float32Array(values); // plain loops and typed-array copies: weights run to millions of values
  if (dtype === 'float16') for (let i = 0; i < data.length; i++) data[i] = roundToHalf(data[i]);
  return { dtype, dims, data } as Tensor;
}

const valuesOf = (t: Tensor) => t.data as ArrayLike<number>;

/**
 * The affine map of a BatchNormalization at inference, scale = γ / √(var + ε), shift = β − mean · scale,
 * when its parameters are constants of one length and it is in inference mode; else undefined.
 */
export function batchNormAffine(graph: Graph, model: Model, bn: Node): ChannelAffine | undefined {
  if (!isOp(bn, 'BatchNormalization') || bn.outputs.filter(Boolean).length !== 1) return undefined;
  const opset = opsetOf(model, bn);
  if (attrInt(bn, 'training_mode', 0) !== 0 || attrInt(bn, 'spatial', 1) !== 1) return undefined;
  if (opset < 7 && attrInt(bn, 'is_test', 0) !== 1) return undefined;
  const epsilon = attrFloat(bn, 'epsilon', 1e-5);
  const params = bn.inputs.slice(1, 5).map((name) => floatConstant(graph, name));
  if (epsilon === undefined || params.length !== 4 || params.some((p) => !p)) return undefined;
  const [gamma, beta, mean, variance] = params.map((p) => valuesOf(p!));
  const C = gamma.length;
  if (params.some((p) => p!.dims.length !== 1 || p!.data.length !== C)) return undefined;
  const scale = new Float64Array(C);
  const shift = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    scale[c] = gamma[c] / Math.sqrt(variance[c] + epsilon);
    shift[c] = beta[c] - mean[c] * scale[c];
  }
  return { scale, shift };
}

/**
 * The per-channel values of a constant that an output of rank `rank` is combined with element-wise, when
 * it varies along axis 1 only (dims [C, 1, 1], [1, C, 1, 1], [1], …); `channels` values, or undefined.
 */
export function perChannel(t: Tensor, rank: number, channels: number): Float64Array | undefined {
  if (t.dims.length > rank) return undefined;
  const dims = [...new Array<number>(rank - t.dims.length).fill(1), ...t.dims];
  if (dims.some((d, axis) => d !== 1 && axis !== 1) || (dims[1] !== 1 && dims[1] !== channels))
    return undefined;
  const values = valuesOf(t);
  return Float64Array.from({ length: channels }, (_, c) => values[values.length === 1 ? 0 : c]);
}

/** The Conv or Gemm whose weights can absorb a per-channel map: constant float weights (and bias, if any). */
export function affineTarget(
  graph: Graph,
  node: Node | undefined,
): { node: Node; channels: number } | undefined {
  if (!isOp(node, 'Conv', 'Gemm') || node.outputs.length !== 1) return undefined;
  const w = floatConstant(graph, node.inputs[1]);
  if (!w || (node.inputs[2] && !floatConstant(graph, node.inputs[2]))) return undefined;
  if (node.opType === 'Conv') return w.dims.length >= 3 ? { node, channels: w.dims[0] } : undefined;
  const transB = attrInt(node, 'transB', 0);
  if (w.dims.length !== 2 || transB === undefined || attrFloat(node, 'beta', 1) === undefined)
    return undefined;
  return { node, channels: transB ? w.dims[0] : w.dims[1] };
}

/** Conv: W scaled per output channel (axis 0), bias scale · B + shift. */
function foldIntoConv(w: Tensor, b: Tensor | undefined, { scale, shift }: ChannelAffine) {
  const M = w.dims[0];
  const block = w.data.length / M;
  const wv = valuesOf(w);
  const weights = new Float64Array(wv.length);
  for (let m = 0; m < M; m++) for (let i = m * block; i < (m + 1) * block; i++) weights[i] = wv[i] * scale[m];
  const bias = new Float64Array(M);
  for (let m = 0; m < M; m++) bias[m] = (b ? valuesOf(b)[m] : 0) * scale[m] + shift[m];
  return { weights, bias, biasDims: [M] };
}

/** Gemm: B' scaled per column, bias scale ⊙ β·C + shift in the broadcast shape of C and [N]. */
function foldIntoGemm(gemm: Node, w: Tensor, c: Tensor | undefined, { scale, shift }: ChannelAffine) {
  const transB = attrInt(gemm, 'transB', 0) === 1;
  const beta = attrFloat(gemm, 'beta', 1)!;
  const cols = w.dims[1];
  const wv = valuesOf(w);
  const weights = new Float64Array(wv.length);
  for (let i = 0; i < wv.length; i++) weights[i] = wv[i] * scale[transB ? Math.floor(i / cols) : i % cols];
  const N = scale.length;
  // C broadcasts to [M, N]: keep its rows (1 or M), spread its columns to N
  const cRows = c && c.dims.length === 2 ? c.dims[0] : 1;
  const cCols = c ? (c.dims.at(-1) ?? 1) : 1;
  const cv = c ? valuesOf(c) : null;
  const bias = Float64Array.from({ length: cRows * N }, (_, i) => {
    const [r, n] = [Math.floor(i / N), i % N];
    const ci = cv ? cv[r * cCols + (cCols === 1 ? 0 : n)] : 0;
    return scale[n] * beta * ci + shift[n];
  });
  return { weights, bias, biasDims: cRows > 1 ? [cRows, N] : [N] };
}

/**
 * Folds the map into `target` (a Conv or Gemm accepted by affineTarget) in place: new weight and bias
 * initializers, and the target now writes `output` (the value the map wrote). The old weights stay for
 * dead-code to remove (another node may read them).
 */
export function absorbAffine(graph: Graph, target: Node, affine: ChannelAffine, output: string): void {
  const w = floatConstant(graph, target.inputs[1])!;
  const b = target.inputs[2] ? floatConstant(graph, target.inputs[2]) : undefined;
  const { weights, bias, biasDims } =
    target.opType === 'Conv' ? foldIntoConv(w, b, affine) : foldIntoGemm(target, w, b, affine);
  const fresh = nameGenerator(graph);
  const wName = fresh(`${target.inputs[1]}_folded`);
  const bName = fresh(`${target.inputs[2] || `${target.name}_bias`}_folded`);
  addInitializer(graph, wName, floatTensor(w.dtype, [...w.dims], weights));
  addInitializer(graph, bName, floatTensor(w.dtype, biasDims, bias));
  graph.valueInfo.delete(target.outputs[0]);
  target.inputs = [target.inputs[0], wName, bName];
  target.outputs = [output];
  if (target.opType === 'Gemm')
    target.attributes = { ...target.attributes, beta: { type: 'float', value: 1 } };
}
