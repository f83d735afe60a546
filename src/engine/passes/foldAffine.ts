// fold-affine: a Conv or Gemm followed by Mul, Add, Sub or Div with a constant that varies along the channel
// axis only (a per-channel scale or shift: [C, 1, 1], [1, C, 1, 1], a scalar …) folds into the weights and
// bias (channelAffine.ts): x·c and x/c scale, x+c and x−c shift. Exact algebra (division as multiplication
// by 1/c, for c ≠ 0). A BatchNormalization that cannot fold into a producer is lowered to Mul + Add by its
// per-channel scale and shift: two plain element-wise ops in place of a normalization (one node more).
import { makeNode } from '../ir/build';
import { addInitializer, nameGenerator, replaceNode } from '../ir/edit';
import type { Graph, Node } from '../ir/graph';
import { indexGraph } from '../ir/graphIndex';
import { isFloat, type DType, type Tensor } from '../ir/tensor';
import {
  absorbAffine,
  affineTarget,
  batchNormAffine,
  floatTensor,
  perChannel,
  type ChannelAffine,
} from './channelAffine';
import { rewrite } from './context';
import { floatConstant, isOp, soleReader } from './query';
import type { Pass, PassContext } from './types';

type Match =
  | { kind: 'fold'; producer: Node; op: Node; affine: ChannelAffine }
  | { kind: 'lower'; bn: Node; affine: ChannelAffine; type: { dtype: DType; rank: number } };

/** The map x ↦ op(x, c) as scale and shift per channel, when c (the other operand) is per-channel. */
function elementwiseAffine(
  graph: Graph,
  op: Node,
  x: string,
  rank: number,
  channels: number,
): ChannelAffine | undefined {
  const position = op.inputs.indexOf(x);
  if (op.inputs.length !== 2 || op.inputs[0] === op.inputs[1]) return undefined;
  if ((op.opType === 'Sub' || op.opType === 'Div') && position !== 0) return undefined;
  const c = floatConstant(graph, op.inputs[1 - position]);
  const values = c && perChannel(c, rank, channels);
  if (!values) return undefined;
  const ones = new Float64Array(channels).fill(1);
  const zeros = new Float64Array(channels);
  switch (op.opType) {
    case 'Mul':
      return { scale: values, shift: zeros };
    case 'Div':
      return values.some((v) => v === 0) ? undefined : { scale: values.map((v) => 1 / v), shift: zeros };
    case 'Add':
      return { scale: ones, shift: values };
    case 'Sub':
      return { scale: ones, shift: values.map((v) => -v) };
    default:
      return undefined;
  }
}

function foldable(graph: Graph): Match | undefined {
  const index = indexGraph(graph);
  for (const op of graph.nodes) {
    if (!isOp(op, 'Mul', 'Add', 'Sub', 'Div')) continue;
    for (const x of op.inputs) {
      const target = affineTarget(graph, index.producer(x));
      if (!target || soleReader(index, x) !== op) continue;
      const rank =
        target.node.opType === 'Gemm' ? 2 : floatConstant(graph, target.node.inputs[1])!.dims.length;
      const affine = elementwiseAffine(graph, op, x, rank, target.channels);
      if (affine) return { kind: 'fold', producer: target.node, op, affine };
    }
  }
  return undefined;
}

/** Type and rank of a value: from the weights of the Conv or Gemm writing it, else from shape inference. */
function inputType(
  graph: Graph,
  ctx: PassContext,
  value: string,
): { dtype: DType; rank: number } | undefined {
  const producer = affineTarget(graph, indexGraph(graph).producer(value))?.node;
  const w = producer && floatConstant(graph, producer.inputs[1]);
  if (w) return { dtype: w.dtype, rank: producer!.opType === 'Gemm' ? 2 : w.dims.length };
  const type = ctx.shapes().types.get(value);
  return type?.shape ? { dtype: type.dtype, rank: type.shape.length } : undefined;
}

function lowerable(graph: Graph, ctx: PassContext): Match | undefined {
  for (const bn of graph.nodes) {
    if (!isOp(bn, 'BatchNormalization')) continue;
    const affine = batchNormAffine(graph, ctx.model, bn);
    const type = affine && inputType(graph, ctx, bn.inputs[0]);
    if (affine && type && isFloat(type.dtype) && type.rank >= 2) return { kind: 'lower', bn, affine, type };
  }
  return undefined;
}

/** A [C, 1, …, 1] constant (rank − 1 dims) that broadcasts along axis 1 of a rank-`rank` tensor. */
const channelConstant = (dtype: DType, values: Float64Array, rank: number): Tensor =>
  floatTensor(dtype, [values.length, ...new Array<number>(rank - 2).fill(1)], values);

export const foldAffine: Pass<Match> = {
  name: 'fold-affine',
  level: 'extended',
  match(graph, ctx) {
    return foldable(graph) ?? lowerable(graph, ctx) ?? null;
  },
  apply(graph, match) {
    if (match.kind === 'fold') {
      const { producer, op, affine } = match;
      graph.nodes.splice(graph.nodes.indexOf(op), 1);
      absorbAffine(graph, producer, affine, op.outputs[0]);
      return rewrite(
        'fold-affine',
        {
          code: 'folded-affine',
          folded: { op: op.opType, name: op.name },
          into: { op: producer.opType, name: producer.name },
        },
        {
          removed: [op.name],
          changed: [producer.name],
          origins: { [producer.name]: [producer.name, op.name] },
        },
      );
    }
    const { bn, affine } = match;
    const { dtype, rank } = match.type;
    const fresh = nameGenerator(graph);
    const [scale, shift, scaled] = [
      fresh(`${bn.name}_scale`),
      fresh(`${bn.name}_shift`),
      fresh(`${bn.name}_scaled`),
    ];
    addInitializer(graph, scale, channelConstant(dtype, affine.scale, rank));
    addInitializer(graph, shift, channelConstant(dtype, affine.shift, rank));
    const mul = makeNode('Mul', [bn.inputs[0], scale], [scaled], { name: fresh(`${bn.name}_mul`) });
    const add = makeNode('Add', [scaled, shift], [bn.outputs[0]], { name: fresh(`${bn.name}_add`) });
    replaceNode(graph, bn, [mul, add]);
    return rewrite(
      'fold-affine',
      { code: 'lowered-batchnorm', bn: bn.name },
      {
        removed: [bn.name],
        added: [mul.name, add.name],
        origins: { [mul.name]: [bn.name], [add.name]: [bn.name] },
      },
    );
  },
};
