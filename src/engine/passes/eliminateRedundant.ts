// eliminate-redundant: nodes whose output equals their input, removed so that their readers read the input.
// Each is exact by the operator's definition (ONNX operator spec):
//   Identity                   y = x.
//   Dropout (inference)        y = x when not training: opset ≥ 12 with training_mode absent or false; opsets
//                              7–11 always (no training mode at inference); opsets < 7 only with is_test = 1.
//                              Its mask output must be unused.
//   Cast to its own type       no conversion happens.
//   Transpose by the identity  perm = [0, 1, …, r−1] (or no perm on a tensor of rank ≤ 1).
//   Reshape to its own shape   every target dim is the input's dim (0 copies it when allowzero = 0), with at
//                              most one −1, which is then that dim too.
//   Pad by zeros               every pad is 0, whatever the mode.
//   Slice of everything        on every sliced axis start = 0, step = 1 and end ≥ the axis size.
//   Squeeze ∘ Unsqueeze        over the same axes (and Unsqueeze ∘ Squeeze): axes inserted then removed.
//   x·1, x/1, x−0, x+0         by a constant of ones or zeros that does not broadcast x to a larger shape (the
//                              output's inferred shape is x's). x+0 turns −0 into +0, an equal number.
import { indexGraph, type GraphIndex } from '../ir/graphIndex';
import type { Graph, Node } from '../ir/graph';
import { removeNode } from '../ir/edit';
import { rewrite } from './context';
import {
  attrInt,
  attrInts,
  canBypass,
  constantOf,
  intsOf,
  isOp,
  listArgument,
  opsetOf,
  soleReader,
} from './query';
import type { Pass, PassContext } from './types';
import type { RedundantReason } from './messages';

interface Match {
  node: Node;
  /** The value the node's readers read instead. */
  input: string;
  /** A producer that becomes unused with it (the Unsqueeze of a Squeeze ∘ Unsqueeze pair). */
  partner?: Node;
  why: RedundantReason;
}

/** Slice ends at or past this are "to the end" whatever the axis size (the exporters write INT64_MAX or INT32_MAX). */
const END_OF_AXIS = 2 ** 31 - 1;

const isIdentityPerm = (perm: readonly number[]) => perm.every((p, i) => p === i);

/** The rank of a value when shape inference knows it. */
function rankOf(ctx: PassContext, value: string): number | undefined {
  return ctx.shapes().types.get(value)?.shape?.length;
}

function dropoutIsIdentity(graph: Graph, ctx: PassContext, index: GraphIndex, node: Node): boolean {
  const mask = node.outputs[1];
  if (mask && (index.consumers(mask).length > 0 || index.isGraphOutput(mask))) return false;
  const opset = opsetOf(ctx.model, node);
  if (opset < 7) return attrInt(node, 'is_test', 0) === 1;
  if (opset < 12) return true;
  const training = node.inputs[2];
  if (!training) return true;
  const t = constantOf(graph, training);
  return t !== undefined && t.data.length === 1 && t.data[0] === 0;
}

function reshapeIsIdentity(graph: Graph, ctx: PassContext, node: Node): boolean {
  const target = intsOf(constantOf(graph, node.inputs[1]));
  const allowzero = attrInt(node, 'allowzero', 0);
  if (!target || allowzero === undefined) return false;
  const dims = ctx.shapes().types.get(node.inputs[0])?.shape;
  if (!dims || dims.length !== target.length) return false;
  const same = target.map(
    (d, i) => (d === 0 && allowzero === 0) || (typeof dims[i] === 'number' && d === dims[i]),
  );
  const open = target.flatMap((d, i) => (d === -1 ? [i] : []));
  // a single −1 takes what the other dims leave: the input's own dim when all the others are its own
  return open.length <= 1 && same.every((ok, i) => ok || open[0] === i);
}

function padIsIdentity(graph: Graph, ctx: PassContext, node: Node): boolean {
  const pads = listArgument(graph, ctx.model, node, 'pads', 11, 1);
  return Array.isArray(pads) && pads.every((p) => p === 0);
}

function sliceIsIdentity(graph: Graph, ctx: PassContext, node: Node): boolean {
  const opset = opsetOf(ctx.model, node);
  const list = (attribute: string, input: number) =>
    listArgument(graph, ctx.model, node, attribute, 10, input);
  const starts = list('starts', 1);
  const ends = list('ends', 2);
  const axesArg = list('axes', 3);
  const steps = opset < 10 ? null : list('steps', 4);
  if (!starts || !ends || axesArg === undefined || steps === undefined) return false;
  const dims = ctx.shapes().types.get(node.inputs[0])?.shape;
  const rank = dims?.length;
  const axes = axesArg ?? starts.map((_, i) => i);
  return axes.every((a, i) => {
    const axis = a < 0 && rank !== undefined ? a + rank : a;
    if (axis < 0 || starts[i] !== 0 || (steps && steps[i] !== 1)) return false;
    const size = dims?.[axis];
    return ends[i] >= END_OF_AXIS || (typeof size === 'number' && ends[i] >= size);
  });
}

/** Axes made non-negative against a rank (undefined when a negative axis meets an unknown rank). */
function normalized(axes: number[], rank: number | undefined): number[] | undefined {
  if (axes.some((a) => a < 0) && rank === undefined) return undefined;
  return axes.map((a) => (a < 0 ? a + rank! : a)).sort((a, b) => a - b);
}

const sameList = (a: number[] | undefined, b: number[] | undefined) =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);

/** Squeeze(Unsqueeze(x, A), A) or Unsqueeze(Squeeze(x, A), A): x, with the producer when only this pair reads it. */
function squeezePair(graph: Graph, ctx: PassContext, index: GraphIndex, node: Node): Match | undefined {
  const producer = index.producer(node.inputs[0]);
  const inverse = node.opType === 'Squeeze' ? 'Unsqueeze' : 'Squeeze';
  if (!isOp(producer, inverse)) return undefined;
  const axesOf = (n: Node) => listArgument(graph, ctx.model, n, 'axes', 13, 1);
  const [outer, inner] = [axesOf(node), axesOf(producer)];
  if (!outer || !inner) return undefined; // Squeeze without axes removes whatever is 1: not known here
  // both lists index the rank with the axes present: Unsqueeze's output, Squeeze's input (the middle value
  // for Squeeze ∘ Unsqueeze, the outer input for Unsqueeze ∘ Squeeze)
  const full = node.opType === 'Squeeze' ? node.inputs[0] : producer.inputs[0];
  const rank = () => rankOf(ctx, full);
  const needsRank = [...outer, ...inner].some((a) => a < 0);
  const r = needsRank ? rank() : undefined;
  if (!sameList(normalized(outer, r), normalized(inner, r))) return undefined;
  const partner = soleReader(index, producer.outputs[0]) === node ? producer : undefined;
  return {
    node,
    input: producer.inputs[0],
    partner,
    why: { kind: 'squeeze-pair', first: inverse, second: node.opType },
  };
}

/** The neutral element of Add/Sub (0) or Mul/Div (1), and whether it may stand on the left (commutative ops). */
const NEUTRAL: Record<string, { value: number; left: boolean }> = {
  Add: { value: 0, left: true },
  Sub: { value: 0, left: false },
  Mul: { value: 1, left: true },
  Div: { value: 1, left: false },
};

/** x op e with e a constant of neutral elements that leaves x's shape as it is: the x input, or undefined. */
function neutralOperand(graph: Graph, ctx: PassContext, node: Node): string | undefined {
  const neutral = NEUTRAL[node.opType];
  if (!neutral || node.inputs.length !== 2) return undefined;
  const sides = neutral.left ? [0, 1] : [0];
  for (const x of sides) {
    const e = constantOf(graph, node.inputs[1 - x]);
    if (
      !e ||
      e.dtype === 'string' ||
      !Array.from(e.data as ArrayLike<number>).every((v) => v === neutral.value)
    )
      continue;
    const types = ctx.shapes().types;
    const [a, y] = [types.get(node.inputs[x]), types.get(node.outputs[0])];
    const same =
      a?.shape &&
      y?.shape &&
      a.dtype === y.dtype &&
      a.shape.length === y.shape.length &&
      a.shape.every((d, i) => d === y.shape![i] && d !== '?');
    if (same) return node.inputs[x];
  }
  return undefined;
}

function candidate(graph: Graph, ctx: PassContext, index: GraphIndex, node: Node): Match | undefined {
  if (node.domain !== '' || !node.inputs[0]) return undefined;
  const input = node.inputs[0];
  const is = (why: RedundantReason): Match => ({ node, input, why });
  switch (node.opType) {
    case 'Identity':
      return is({ kind: 'identity' });
    case 'Dropout':
      return dropoutIsIdentity(graph, ctx, index, node) ? is({ kind: 'dropout' }) : undefined;
    case 'Cast': {
      const types = ctx.shapes().types;
      const [from, to] = [types.get(input)?.dtype, types.get(node.outputs[0])?.dtype];
      return from !== undefined && from === to ? is({ kind: 'cast-to-own-type', dtype: to }) : undefined;
    }
    case 'Transpose': {
      const perm = attrInts(node, 'perm');
      if (perm === undefined) return undefined;
      if (perm !== null) return isIdentityPerm(perm) ? is({ kind: 'identity-perm' }) : undefined;
      const rank = rankOf(ctx, input);
      return rank !== undefined && rank <= 1 ? is({ kind: 'low-rank-transpose', rank }) : undefined;
    }
    case 'Reshape':
      return reshapeIsIdentity(graph, ctx, node) ? is({ kind: 'reshape-to-own-shape' }) : undefined;
    case 'Pad':
      return padIsIdentity(graph, ctx, node) ? is({ kind: 'zero-pad' }) : undefined;
    case 'Slice':
      return sliceIsIdentity(graph, ctx, node) ? is({ kind: 'whole-slice' }) : undefined;
    case 'Squeeze':
    case 'Unsqueeze':
      return squeezePair(graph, ctx, index, node);
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div': {
      const x = neutralOperand(graph, ctx, node);
      const e = NEUTRAL[node.opType].value;
      return x === undefined
        ? undefined
        : { node, input: x, why: { kind: 'neutral-constant', op: node.opType, value: e } };
    }
    default:
      return undefined;
  }
}

/** Ops recognised without shape inference come first, so most matches cost no inference. */
const CHEAP = new Set(['Identity', 'Dropout', 'Pad', 'Squeeze', 'Unsqueeze']);

export const eliminateRedundant: Pass<Match> = {
  name: 'eliminate-redundant',
  level: 'basic',
  match(graph, ctx) {
    const index = indexGraph(graph);
    for (const cheap of [true, false])
      for (const node of graph.nodes) {
        if (CHEAP.has(node.opType) !== cheap) continue;
        const found = candidate(graph, ctx, index, node);
        if (found && canBypass(index, node, found.input)) return found;
      }
    return null;
  },
  apply(graph, { node, input, partner, why }) {
    node.outputs = node.outputs.slice(0, 1); // an unused Dropout mask goes with it
    removeNode(graph, node, input);
    if (partner) removeNode(graph, partner);
    const removed = [node.name, ...(partner ? [partner.name] : [])];
    return rewrite('eliminate-redundant', { code: 'removed-redundant', removed, reason: why }, { removed });
  },
};
