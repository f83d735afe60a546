// transpose-cancel: Transpose(p2) ∘ Transpose(p1) is one Transpose by q with q[i] = p1[p2[i]] (output axis i
// of the second reads axis p2[i] of the middle tensor, which is axis p1[p2[i]] of the input) — removed
// altogether when q is the identity, as for a layout change undone by its inverse. Exact: both move each
// element to the same place. The first Transpose goes too when the second was its only reader.
import { removeNode } from '../ir/edit';
import type { Node } from '../ir/graph';
import { indexGraph } from '../ir/graphIndex';
import { rewrite } from './context';
import { attrInts, canBypass, isOp, soleReader } from './query';
import type { Pass, PassContext } from './types';

interface Match {
  first: Node;
  second: Node;
  perm: number[];
  /** The first Transpose has no other reader. */
  firstGoes: boolean;
}

/** A Transpose's permutation; without perm it reverses the axes, which needs the rank. */
function permOf(ctx: PassContext, node: Node): number[] | undefined {
  const perm = attrInts(node, 'perm');
  if (perm) return perm;
  if (perm === undefined) return undefined;
  const rank = ctx.shapes().types.get(node.inputs[0])?.shape?.length;
  return rank === undefined ? undefined : Array.from({ length: rank }, (_, i) => rank - 1 - i);
}

export const transposeCancel: Pass<Match> = {
  name: 'transpose-cancel',
  level: 'extended',
  match(graph, ctx) {
    const index = indexGraph(graph);
    for (const second of graph.nodes) {
      if (!isOp(second, 'Transpose')) continue;
      const first = index.producer(second.inputs[0]);
      if (!isOp(first, 'Transpose')) continue;
      const [p1, p2] = [permOf(ctx, first), permOf(ctx, second)];
      if (!p1 || !p2 || p1.length !== p2.length) continue;
      const perm = p2.map((axis) => p1[axis]);
      const firstGoes = soleReader(index, first.outputs[0]) === second;
      if (perm.some((axis, i) => axis !== i) || canBypass(index, second, first.inputs[0]))
        return { first, second, perm, firstGoes };
    }
    return null;
  },
  apply(graph, { first, second, perm, firstGoes }) {
    const identity = perm.every((axis, i) => axis === i);
    const removed = [...(identity ? [second.name] : []), ...(firstGoes ? [first.name] : [])];
    if (identity) removeNode(graph, second, first.inputs[0]);
    else {
      second.inputs = [first.inputs[0]];
      second.attributes = { ...second.attributes, perm: { type: 'ints', value: perm } };
    }
    if (firstGoes) removeNode(graph, first);
    const [a, b] = [first.name, second.name];
    const message = identity
      ? ({ code: 'transposes-undo', first: a, second: b } as const)
      : ({ code: 'transposes-composed', first: a, second: b, perm } as const);
    return rewrite('transpose-cancel', message, {
      removed,
      changed: identity ? [] : [second.name],
      origins: identity ? {} : { [second.name]: [first.name, second.name] },
    });
  },
};
