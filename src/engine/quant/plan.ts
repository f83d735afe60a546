// Which nodes of a float model run quantized, and which tensors get a QuantizeLinear → DequantizeLinear pair:
// the graph half of post-training quantization, decided before any data is seen.
//
// The node units follow what onnxruntime fuses into integer kernels (core/optimizer/qdq_transformer,
// QDQSelectorActionTransformer): DQ(x), DQ(w), DQ(bias int32) → Conv / Gemm / MatMul → [Relu | Clip] → Q
// becomes QLinearConv / QGemm / QLinearMatMul, the Relu or Clip being dropped when the Q's range already clips
// there; DQ → Add / Mul → Q becomes QLinearAdd / QLinearMul, DQ → Concat → Q QLinearConcat, DQ →
// (Global)AveragePool → Q QLinearAveragePool; and around MaxPool, Flatten, Reshape, Transpose, Squeeze and
// Unsqueeze the DQ and Q are simply removed — which needs the Q to use exactly the DQ's scale and zero point,
// so those pass-through ops share their input's parameters.
import type { Graph, Model, Node } from '../ir/graph';
import { indexGraph, type GraphIndex } from '../ir/graphIndex';
import { inferShapes, type ShapeInference } from '../ir/infer';
import { nodeLabel } from '../ir/scope';
import { topologicalOrder } from '../ir/topo';
import type { FloatNode } from './model.types';

export type UnitKind = 'conv' | 'gemm' | 'matmul' | 'elementwise' | 'concat' | 'pool' | 'passthrough';

export interface PlannedNode {
  node: Node;
  /** Its name, or "#index opType" for an unnamed node. */
  label: string;
  kind: UnitKind;
  /** Inputs (positions) that are float activations: each gets a Q → DQ pair. */
  activationInputs: number[];
  /** Float constant inputs of an element-wise op or Concat: stored as integers of the activation type. */
  constantInputs: number[];
  /** The weight of a Conv, Gemm or MatMul: int8, per channel along `axis`, or per tensor when axis is null. */
  weight?: { input: number; axis: number | null };
  /** A bias vector, stored as int32 with scale s_input · s_weight. */
  bias?: { input: number };
  /** Relu / Clip nodes that run fused with this one (the Q follows them). */
  fused: FusedActivation[];
  /** The value quantized at the unit's output (after `fused`), or null when it is a graph output and stays float. */
  output: string | null;
  /** The value whose float and quantized versions are compared in the analysis. */
  compared: string;
}

/** A Relu or a Clip with constant bounds: Relu is [0, ∞). */
export interface FusedActivation {
  node: Node;
  min: number;
  max: number;
}

export interface QuantPlan {
  nodes: PlannedNode[];
  /** Each tensor given a Q → DQ pair → the tensor whose calibrated parameters it uses (itself, or a pass-through's source). */
  activations: Map<string, string>;
  floatNodes: FloatNode[];
}

export interface PlanOptions {
  perChannel: boolean;
  keepFloat?: { first?: boolean; last?: boolean };
}

const PASS_THROUGH = new Set(['MaxPool', 'Flatten', 'Reshape', 'Transpose', 'Squeeze', 'Unsqueeze']);
const POOLING = new Set(['AveragePool', 'GlobalAveragePool']);
const FUSABLE_ACTIVATIONS = new Set(['Relu', 'Clip']);
const COMPUTE: ReadonlySet<UnitKind> = new Set(['conv', 'gemm', 'matmul']);

type Candidate = Omit<PlannedNode, 'fused' | 'output' | 'compared' | 'label'>;

/** What the classifiers need to know about the graph. */
interface Facts {
  graph: Graph;
  index: GraphIndex;
  inference: ShapeInference;
  perChannel: boolean;
}

const floatActivation = (f: Facts, name: string) =>
  !!name &&
  !f.inference.constantValues.has(name) &&
  !f.graph.initializers.has(name) &&
  f.inference.types.get(name)?.dtype === 'float32';

const floatInitializer = (f: Facts, name: string) =>
  !!name && f.graph.initializers.get(name)?.dtype === 'float32';

/** A constant vector of `length` floats: a bias that can be stored as int32 per output channel. */
function biasVector(f: Facts, name: string | undefined, length: number): boolean {
  const t = name ? f.graph.initializers.get(name) : undefined;
  return !!t && t.dtype === 'float32' && t.dims.length === 1 && t.dims[0] === length;
}

/** A candidate unit, or the reason the node stays in float. */
function classify(f: Facts, node: Node): Candidate | string {
  const base = { node, kind: 'conv' as UnitKind, activationInputs: [0], constantInputs: [] as number[] };
  const [x, w, b] = node.inputs;
  if (node.domain !== '') return 'not a standard ONNX operator';
  const inputIsActivation = floatActivation(f, x);
  switch (node.opType) {
    case 'Conv': {
      if (!inputIsActivation) return 'its input is not a float activation';
      const weight = f.graph.initializers.get(w);
      if (!weight || weight.dtype !== 'float32' || weight.dims.length < 3)
        return 'its weight is not a float constant';
      if (b && !biasVector(f, b, weight.dims[0])) return 'its bias is not a constant vector';
      return {
        ...base,
        weight: { input: 1, axis: f.perChannel ? 0 : null },
        bias: b ? { input: 2 } : undefined,
      };
    }
    case 'Gemm': {
      if (!inputIsActivation) return 'its input is not a float activation';
      const weight = f.graph.initializers.get(w);
      if (!weight || weight.dtype !== 'float32' || weight.dims.length !== 2)
        return 'its weight is not a float constant';
      // B is [N, K] when transB = 1, [K, N] otherwise: the output channels are on axis 0 or 1
      const transB = node.attributes.transB?.type === 'int' && node.attributes.transB.value !== 0;
      const axis = transB ? 0 : 1;
      return {
        ...base,
        kind: 'gemm',
        weight: { input: 1, axis: f.perChannel ? axis : null },
        bias: biasVector(f, b, weight.dims[axis]) ? { input: 2 } : undefined,
      };
    }
    case 'MatMul': {
      if (!inputIsActivation) return 'its first input is not a float activation';
      if (floatActivation(f, w)) return { ...base, kind: 'matmul', activationInputs: [0, 1] };
      const weight = f.graph.initializers.get(w);
      if (!weight || weight.dtype !== 'float32')
        return 'its second input is neither an activation nor a float constant';
      const perColumn = f.perChannel && weight.dims.length === 2;
      return { ...base, kind: 'matmul', weight: { input: 1, axis: perColumn ? 1 : null } };
    }
    case 'Concat':
    case 'Add':
    case 'Mul': {
      const activations: number[] = [];
      const constants: number[] = [];
      for (const [i, name] of node.inputs.entries()) {
        if (floatActivation(f, name)) activations.push(i);
        else if (floatInitializer(f, name)) constants.push(i);
        else return `input ${i} is neither a float activation nor a float constant`;
      }
      if (activations.length === 0) return 'it has no activation input';
      const kind = node.opType === 'Concat' ? 'concat' : 'elementwise';
      return { ...base, kind, activationInputs: activations, constantInputs: constants };
    }
    default:
      break;
  }
  if (POOLING.has(node.opType) || PASS_THROUGH.has(node.opType)) {
    if (!inputIsActivation) return 'its input is not a float activation';
    if (node.outputs.filter(Boolean).length !== 1) return 'it has more than one output';
    return { ...base, kind: POOLING.has(node.opType) ? 'pool' : 'passthrough' };
  }
  if (FUSABLE_ACTIVATIONS.has(node.opType)) return 'runs in float: it does not follow a quantized node alone';
  return `no integer kernel for ${node.opType} in onnxruntime's QDQ fusion`;
}

/** A Clip's bounds: attributes before opset 11, optional constant scalar inputs from 11 on; null when not constant. */
function clipBounds(f: Facts, node: Node, opset: number): [number, number] | null {
  if (opset < 11) {
    const bound = (key: string, fallback: number) => {
      const a = node.attributes[key];
      return a?.type === 'float' ? a.value : fallback;
    };
    return [bound('min', -Infinity), bound('max', Infinity)];
  }
  const bound = (name: string | undefined, fallback: number) => {
    if (!name) return fallback;
    const t = f.inference.constants.get(name);
    return t && t.data.length === 1 && typeof t.data[0] === 'number' ? t.data[0] : null;
  };
  const [lo, hi] = [bound(node.inputs[1], -Infinity), bound(node.inputs[2], Infinity)];
  return lo === null || hi === null ? null : [lo, hi];
}

/** A Relu, or a Clip with constant bounds, that is the only reader of `value`: it can run fused with its producer. */
function fusableActivation(f: Facts, value: string, opset: number): FusedActivation | null {
  if (f.index.isGraphOutput(value)) return null;
  const uses = f.index.consumers(value);
  if (uses.length !== 1 || uses[0].input !== 0) return null;
  const node = uses[0].node;
  if (node.domain !== '' || !FUSABLE_ACTIVATIONS.has(node.opType)) return null;
  if (node.opType === 'Relu') return { node, min: 0, max: Infinity };
  const bounds = clipBounds(f, node, opset);
  return bounds && { node, min: bounds[0], max: bounds[1] };
}

/** Decides the quantized node units and the tensors that get Q → DQ pairs. */
export function planQuantization(model: Model, options: PlanOptions): QuantPlan {
  const graph = model.graph;
  const facts: Facts = {
    graph,
    index: indexGraph(graph),
    inference: inferShapes(model),
    perChannel: options.perChannel,
  };
  const opset = model.opsets[''] ?? 0;
  const order = topologicalOrder(graph);
  const labels = new Map(graph.nodes.map((n, i) => [n, nodeLabel(n, i)]));
  const reasons = new Map<Node, string>();
  const candidates: Candidate[] = [];
  for (const node of order) {
    if (node.opType === 'Constant' && node.domain === '') continue;
    const c = classify(facts, node);
    if (typeof c === 'string') reasons.set(node, c);
    else candidates.push(c);
  }

  const compute = candidates.filter((c) => COMPUTE.has(c.kind));
  const kept = new Map<Candidate, string>();
  if (options.keepFloat?.first && compute.length > 0) kept.set(compute[0], 'kept in float (first layer)');
  if (options.keepFloat?.last && compute.length > 0) kept.set(compute.at(-1)!, 'kept in float (last layer)');

  const nodes: PlannedNode[] = [];
  const fusedNodes = new Set<Node>();
  const activations = new Map<string, string>();
  for (const c of candidates) {
    const reason = kept.get(c);
    if (reason) {
      reasons.set(c.node, reason);
      continue;
    }
    const fused: FusedActivation[] = [];
    let out = c.node.outputs[0];
    if (c.kind !== 'passthrough')
      for (
        let next = fusableActivation(facts, out, opset);
        next;
        next = fusableActivation(facts, out, opset)
      ) {
        fused.push(next);
        fusedNodes.add(next.node);
        out = next.node.outputs[0];
      }
    for (const i of c.activationInputs)
      if (!activations.has(c.node.inputs[i])) activations.set(c.node.inputs[i], c.node.inputs[i]);
    const output = facts.index.isGraphOutput(out) ? null : out;
    if (output !== null)
      activations.set(output, c.kind === 'passthrough' ? activations.get(c.node.inputs[0])! : output);
    nodes.push({ ...c, label: labels.get(c.node)!, fused, output, compared: out });
  }

  const floatNodes: FloatNode[] = order
    .filter((n) => reasons.has(n) && !fusedNodes.has(n))
    .map((n) => ({ name: labels.get(n)!, opType: n.opType, reason: reasons.get(n)! }));
  return { nodes, activations, floatNodes };
}
