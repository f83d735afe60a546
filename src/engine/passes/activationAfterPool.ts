// activation-after-pool: an element-wise activation f right before a MaxPool moves after it, where it runs on
// the pooled (smaller) tensor: max over a window of f(x) = f(max over the window of x) whenever f is monotone
// non-decreasing (the largest x gives the largest f(x)). MaxPool ignores its padding (it pads with −∞), so
// the identity holds window by window as long as every window holds at least one real element — checked on
// the static input size (a window lying wholly in the padding would give −∞ one way and f(−∞) the other).
// GlobalMaxPool (one window: the whole plane) always qualifies. Non-decreasing here: Relu, Clip, Sigmoid,
// Tanh, Softplus, and LeakyRelu, HardSigmoid, Elu, Selu with non-negative slopes; not Gelu or HardSwish.
import { nameGenerator } from '../ir/edit';
import { ModelError } from '../errors';
import type { Dim, Node } from '../ir/graph';
import { indexGraph } from '../ir/graphIndex';
import { numel } from '../ir/tensor';
import { axisWindow, windowAttrs } from '../ops/slidingWindow';
import { rewrite } from './context';
import { attrFloat, isOp, opsetOf, soleReader } from './query';
import type { Pass, PassContext } from './types';

interface Match {
  act: Node;
  pool: Node;
  /** How many times fewer elements the activation reads after the move, when known. */
  fewer?: number;
}

/** Whether the activation node is monotone non-decreasing (slopes from its attributes). */
function nonDecreasing(node: Node): boolean {
  if (node.domain !== '') return false;
  const nonNegative = (name: string, fallback: number) => (attrFloat(node, name, fallback) ?? -1) >= 0;
  switch (node.opType) {
    case 'Relu':
    case 'Clip':
    case 'Sigmoid':
    case 'Tanh':
    case 'Softplus':
      return true;
    case 'LeakyRelu':
      return nonNegative('alpha', 0.01);
    case 'HardSigmoid':
      return nonNegative('alpha', 0.2);
    case 'Elu':
      return nonNegative('alpha', 1);
    case 'Selu':
      return nonNegative('alpha', 1.67326) && nonNegative('gamma', 1.0507);
    default:
      return false;
  }
}

/** Whether every window of the MaxPool holds at least one element of an input of these spatial dims. */
function windowsHitInput(ctx: PassContext, pool: Node, spatial: number[]): boolean {
  const opCtx = { node: pool, opset: opsetOf(ctx.model, pool) };
  try {
    const attrs = windowAttrs(opCtx, spatial.length, undefined);
    return spatial.every((size, axis) => {
      const { out, padBegin } = axisWindow(opCtx, attrs, axis, size);
      const [k, s, d] = [attrs.kernel[axis], attrs.strides[axis], attrs.dilations[axis]];
      for (let o = 0; o < out; o++) {
        const start = o * s - padBegin;
        let hit = false;
        for (let j = 0; j < k && !hit; j++) hit = start + j * d >= 0 && start + j * d < size;
        if (!hit) return false;
      }
      return true;
    });
  } catch (e) {
    if (e instanceof ModelError) return false;
    throw e;
  }
}

/**
 * How many times fewer elements the activation reads after the move: the ratio of the input's and the
 * output's sizes, when their symbolic dims (the batch) are the same and cancel out; undefined otherwise.
 */
function shrink(
  x: readonly Dim[] | null | undefined,
  y: readonly Dim[] | null | undefined,
): number | undefined {
  if (!x || !y) return undefined;
  const symbols = (s: readonly Dim[]) =>
    s
      .filter((d) => typeof d !== 'number')
      .sort()
      .join(',');
  const size = (s: readonly Dim[]) => numel(s.filter((d): d is number => typeof d === 'number'));
  if (symbols(x) !== symbols(y) || x.includes('?') || size(y) === 0) return undefined;
  return size(x) / size(y);
}

function movable(ctx: PassContext, act: Node, pool: Node): Match | undefined {
  const single = pool.outputs.length === 1 || pool.outputs.slice(1).every((o) => !o);
  if (!single || !nonDecreasing(act) || act.outputs.length !== 1) return undefined;
  const types = ctx.shapes().types;
  const [x, y] = [types.get(act.inputs[0])?.shape, types.get(pool.outputs[0])?.shape];
  const fewer = shrink(x, y);
  if (pool.opType === 'GlobalMaxPool') return { act, pool, fewer };
  const spatial = x?.slice(2);
  if (!spatial?.every((d): d is number => typeof d === 'number') || !windowsHitInput(ctx, pool, spatial))
    return undefined;
  return { act, pool, fewer };
}

export const activationAfterPool: Pass<Match> = {
  name: 'activation-after-pool',
  level: 'extended',
  match(graph, ctx) {
    const index = indexGraph(graph);
    for (const pool of graph.nodes) {
      if (!isOp(pool, 'MaxPool', 'GlobalMaxPool')) continue;
      const act = index.producer(pool.inputs[0]);
      if (!act || soleReader(index, pool.inputs[0]) !== pool || act.inputs[0] === undefined) continue;
      const found = movable(ctx, act, pool);
      if (found) return found;
    }
    return null;
  },
  apply(graph, { act, pool, fewer }) {
    const [input, pooled] = [act.inputs[0], pool.outputs[0]];
    const middle = nameGenerator(graph)(`${pooled}_before_${act.opType}`);
    graph.valueInfo.delete(act.outputs[0]);
    pool.inputs = [input, ...pool.inputs.slice(1)];
    pool.outputs = [middle, ...pool.outputs.slice(1)];
    act.inputs = [middle, ...act.inputs.slice(1)];
    act.outputs = [pooled];
    // the pool now runs first: swap the two nodes' places
    const [i, j] = [graph.nodes.indexOf(act), graph.nodes.indexOf(pool)];
    [graph.nodes[Math.min(i, j)], graph.nodes[Math.max(i, j)]] = [pool, act];
    return rewrite(
      'activation-after-pool',
      {
        code: 'activation-after-pool',
        activation: { op: act.opType, name: act.name },
        pool: { op: pool.opType, name: pool.name },
        ...(fewer ? { fewer } : {}),
      },
      { changed: [act.name, pool.name] },
    );
  },
};
