// The tensors of a model that quantization acts on, for the explorer to pick from: the weights of the
// layers that carry them (Conv, ConvTranspose, Gemm, MatMul with a constant float operand), each with the
// axis its per-channel parameters run along, and the activations (every value a node computes).
import type { Model, Node } from '../ir/graph';

export interface QuantTarget {
  kind: 'weight' | 'activation';
  /** The value's name in the graph (an initializer for weights). */
  value: string;
  /** The node that uses the weight, or that computes the activation. */
  node: string;
  opType: string;
  /** Static dims of a weight; null for activations (known once the model runs). */
  dims: number[] | null;
  /** Per-channel axis (output channels) for weights; null for activations, which are quantized per tensor. */
  axis: number | null;
}

/** Ops that produce no data worth quantizing: constants and shape arithmetic. */
const NOT_ACTIVATIONS = new Set(['Constant', 'Shape', 'Size', 'ConstantOfShape', 'Range']);

const intAttr = (node: Node, name: string, fallback: number) => {
  const a = node.attributes[name];
  return a?.type === 'int' ? a.value : fallback;
};

/**
 * The output-channel axis of a layer's weight: 0 for Conv [M, C/g, kH, kW] and for Gemm's B with transB = 1
 * ([N, K]); 1 for ConvTranspose [C, M/g, kH, kW] and Gemm's B [K, N]; the last for MatMul [.., K, N].
 * Null when the node has no weight of its own.
 */
export function weightAxis(node: Node, rank: number): number | null {
  switch (node.opType) {
    case 'Conv':
      return 0;
    case 'ConvTranspose':
      return 1;
    case 'Gemm':
      return intAttr(node, 'transB', 0) ? 0 : 1;
    case 'MatMul':
      return rank - 1;
    default:
      return null;
  }
}

export function quantTargets(model: Model): QuantTarget[] {
  const { graph } = model;
  const nodeName = (n: Node, i: number) => n.name || `${n.opType}_${i}`;
  const weights: QuantTarget[] = [];
  const activations: QuantTarget[] = [];
  graph.nodes.forEach((node, i) => {
    if (node.domain) return;
    const w = graph.initializers.get(node.inputs[1] ?? '');
    if (w && (w.dtype === 'float32' || w.dtype === 'float16') && w.dims.length >= 2) {
      const axis = weightAxis(node, w.dims.length);
      if (axis !== null)
        weights.push({
          kind: 'weight',
          value: node.inputs[1],
          node: nodeName(node, i),
          opType: node.opType,
          dims: [...w.dims],
          axis,
        });
    }
    if (NOT_ACTIVATIONS.has(node.opType)) return;
    for (const out of node.outputs)
      if (out)
        activations.push({
          kind: 'activation',
          value: out,
          node: nodeName(node, i),
          opType: node.opType,
          dims: null,
          axis: null,
        });
  });
  return [...weights, ...activations];
}
