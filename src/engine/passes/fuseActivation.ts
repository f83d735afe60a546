// fuse-activation: an activation applied right after the node that computes its input is done by that node,
// so the intermediate tensor is never written and read back.
//   With contribOps (onnxruntime's com.microsoft domain): Conv → act becomes FusedConv (act ∈ Relu, Tanh,
//   Sigmoid, LeakyRelu, HardSigmoid, Clip with constant bounds, HardSwish) and Gemm → act becomes FusedGemm
//   (act ∈ Relu, Tanh, Sigmoid, LeakyRelu, HardSigmoid, Elu, Selu, Softplus): the activations each onnxruntime
//   kernel implements, as checked in ops/contrib/fused.ort.test.ts (float32 only, like those kernels).
//   In standard ONNX (and also with contribOps): two clamps in a row are one, Relu being the clamp to [0, ∞):
//   clip(clip(x, a, b), c, d) = clip(x, max(a, c), min(b, d)) when the intervals overlap; Relu ∘ Relu = Relu.
// Exact: the fused node computes the same function (the interpreter's FusedConv/FusedGemm run the parts).
import { makeNode } from '../ir/build';
import { addInitializer, nameGenerator, replaceNode } from '../ir/edit';
import type { Attribute, Graph, Model, Node } from '../ir/graph';
import { indexGraph, type GraphIndex } from '../ir/graphIndex';
import type { DType } from '../ir/tensor';
import { CONV_ACTIVATIONS, GEMM_ACTIVATIONS } from '../ops/contrib/activation';
import { floatTensor } from './channelAffine';
import { rewrite } from './context';
import { attrFloat, constantOf, isOp, opsetOf, scalarOf, soleReader } from './query';
import type { Pass, PassContext } from './types';

/** Spec defaults of the activations' attributes: onnxruntime's fused kernels want every value written out. */
const DEFAULTS: Record<string, Record<string, number>> = {
  LeakyRelu: { alpha: 0.01 },
  HardSigmoid: { alpha: 0.2, beta: 0.5 },
  Elu: { alpha: 1 },
  Selu: { alpha: 1.67326319217681884765625, gamma: 1.05070102214813232421875 },
};

type Match =
  | { kind: 'clamps'; first: Node; second: Node; bounds: [number, number]; dtype: DType | undefined }
  | { kind: 'fuse'; producer: Node; act: Node; attributes: Record<string, Attribute> };

/** The interval a Relu or a Clip with constant bounds clamps to; undefined for anything else. */
function clampOf(
  graph: Graph,
  model: Model,
  node: Node,
): { bounds: [number, number]; dtype?: DType } | undefined {
  if (isOp(node, 'Relu')) return { bounds: [0, Infinity] };
  if (!isOp(node, 'Clip')) return undefined;
  if (opsetOf(model, node) < 11) {
    const [lo, hi] = [attrFloat(node, 'min', -Infinity), attrFloat(node, 'max', Infinity)];
    return lo === undefined || hi === undefined ? undefined : { bounds: [lo, hi] };
  }
  const bound = (i: number, fallback: number) =>
    node.inputs[i] ? scalarOf(constantOf(graph, node.inputs[i])) : fallback;
  const [lo, hi] = [bound(1, -Infinity), bound(2, Infinity)];
  const dtype = constantOf(graph, node.inputs[1] || node.inputs[2])?.dtype;
  return lo === undefined || hi === undefined ? undefined : { bounds: [lo, hi], dtype };
}

function clamps(graph: Graph, ctx: PassContext, index: GraphIndex): Match | undefined {
  for (const second of graph.nodes) {
    const outer = clampOf(graph, ctx.model, second);
    const first = outer && index.producer(second.inputs[0]);
    const inner = first && clampOf(graph, ctx.model, first);
    if (!outer || !inner || soleReader(index, second.inputs[0]) !== second) continue;
    const [lo, hi] = [Math.max(inner.bounds[0], outer.bounds[0]), Math.min(inner.bounds[1], outer.bounds[1])];
    const valid = inner.bounds[0] <= inner.bounds[1] && outer.bounds[0] <= outer.bounds[1] && lo <= hi;
    if (valid)
      return { kind: 'clamps', first: first!, second, bounds: [lo, hi], dtype: outer.dtype ?? inner.dtype };
  }
  return undefined;
}

/** Whether a value is float32 (the fused kernels' only type): from its initializer, else from shape inference. */
const isFloat32 = (graph: Graph, ctx: PassContext, value: string) =>
  (constantOf(graph, value)?.dtype ?? ctx.shapes().types.get(value)?.dtype) === 'float32';

/** The FusedConv attributes for `act`, or undefined when onnxruntime's FusedConv cannot apply it. */
function convAttributes(graph: Graph, ctx: PassContext, act: Node): Record<string, Attribute> | undefined {
  const entry = CONV_ACTIVATIONS[act.opType];
  if (!entry || act.domain !== '') return undefined;
  let params: number[];
  if (act.opType === 'Clip') {
    const clamp = clampOf(graph, ctx.model, act);
    if (!clamp) return undefined;
    params = clamp.bounds;
  } else {
    const values = entry.params.map((p) => attrFloat(act, p, DEFAULTS[act.opType]?.[p] ?? 0));
    if (values.some((v) => v === undefined)) return undefined;
    params = values as number[];
  }
  return {
    activation: { type: 'string', value: act.opType },
    ...(params.length > 0 ? { activation_params: { type: 'floats', value: params } } : {}),
  };
}

/** The FusedGemm attributes for `act` (its own, prefixed activation_), or undefined. */
function gemmAttributes(act: Node): Record<string, Attribute> | undefined {
  const entry = GEMM_ACTIVATIONS[act.opType];
  if (!entry || act.domain !== '') return undefined;
  const attributes: Record<string, Attribute> = { activation: { type: 'string', value: act.opType } };
  for (const p of entry.attributes) {
    const value = attrFloat(act, p, DEFAULTS[act.opType]?.[p] ?? 0);
    if (value === undefined) return undefined;
    attributes[`activation_${p}`] = { type: 'float', value };
  }
  return attributes;
}

function fusable(graph: Graph, ctx: PassContext, index: GraphIndex): Match | undefined {
  for (const producer of graph.nodes) {
    if (!isOp(producer, 'Conv', 'Gemm') || producer.outputs.length !== 1) continue;
    const act = soleReader(index, producer.outputs[0]);
    if (!act || act.inputs[0] !== producer.outputs[0] || act.outputs.length !== 1) continue;
    const attributes = producer.opType === 'Conv' ? convAttributes(graph, ctx, act) : gemmAttributes(act);
    if (attributes && isFloat32(graph, ctx, producer.inputs[1]))
      return { kind: 'fuse', producer, act, attributes };
  }
  return undefined;
}

function mergeClamps(
  graph: Graph,
  ctx: PassContext,
  { first, second, bounds, dtype }: Extract<Match, { kind: 'clamps' }>,
) {
  const fresh = nameGenerator(graph);
  const name = fresh(`${first.name}+${second.name}`);
  const [lo, hi] = bounds;
  let merged: Node;
  if (lo === 0 && hi === Infinity) merged = makeNode('Relu', [first.inputs[0]], second.outputs, { name });
  else if (opsetOf(ctx.model, second) < 11) {
    const attributes: Record<string, Attribute> = {};
    if (lo > -Infinity) attributes.min = { type: 'float', value: lo };
    if (hi < Infinity) attributes.max = { type: 'float', value: hi };
    merged = makeNode('Clip', [first.inputs[0]], second.outputs, { name, attributes });
  } else {
    const type = dtype ?? ctx.shapes().types.get(first.inputs[0])?.dtype ?? 'float32';
    const bound = (value: number, which: string) => {
      if (!Number.isFinite(value)) return '';
      const boundName = fresh(`${name}_${which}`);
      addInitializer(graph, boundName, floatTensor(type, [], Float64Array.of(value)));
      return boundName;
    };
    merged = makeNode('Clip', [first.inputs[0], bound(lo, 'min'), bound(hi, 'max')], second.outputs, {
      name,
    });
  }
  graph.nodes.splice(graph.nodes.indexOf(first), 1);
  replaceNode(graph, second, [merged]);
  return rewrite(
    'fuse-activation',
    {
      code: 'merged-clamps',
      first: { op: first.opType, name: first.name },
      second: { op: second.opType, name: second.name },
      op: merged.opType,
      lo,
      hi,
    },
    {
      removed: [first.name, second.name],
      added: [name],
      origins: { [name]: [first.name, second.name] },
    },
  );
}

export const fuseActivation: Pass<Match> = {
  name: 'fuse-activation',
  level: 'extended',
  match(graph, ctx) {
    const index = indexGraph(graph);
    return clamps(graph, ctx, index) ?? (ctx.contribOps ? fusable(graph, ctx, index) : undefined) ?? null;
  },
  apply(graph, match, ctx) {
    if (match.kind === 'clamps') return mergeClamps(graph, ctx, match);
    const { producer, act, attributes } = match;
    const name = nameGenerator(graph)(`${producer.name}+${act.name}`);
    const op = `Fused${producer.opType}`;
    const fused = makeNode(op, producer.inputs, act.outputs, {
      name,
      domain: 'com.microsoft',
      attributes: { ...producer.attributes, ...attributes },
    });
    graph.nodes.splice(graph.nodes.indexOf(producer), 1);
    graph.valueInfo.delete(producer.outputs[0]);
    replaceNode(graph, act, [fused]);
    ctx.model.opsets['com.microsoft'] ??= 1;
    return rewrite(
      'fuse-activation',
      {
        code: 'fused-activation',
        producer: { op: producer.opType, name: producer.name },
        activation: { op: act.opType, name: act.name },
        fused: { op, name },
      },
      {
        removed: [producer.name, act.name],
        added: [name],
        origins: { [name]: [producer.name, act.name] },
      },
    );
  },
};
