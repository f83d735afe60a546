// reshape-merge: a Reshape to a constant shape only needs its input's element count, which Reshape, Flatten,
// Squeeze and Unsqueeze before it do not change — so it can read their input directly: Reshape(Reshape(x,
// s1), s2) = Reshape(x, s2). Exact: all of them keep the elements in row-major order. A 0 in s2 (allowzero
// = 0: "copy the dim of my input") depends on the middle tensor: after a Reshape with a constant s1 it
// becomes s1's entry there (a number, or 0 again when s1 copies that dim of x too); otherwise the pass bails.
import { addInitializer, nameGenerator, removeNode } from '../ir/edit';
import type { Graph, Node } from '../ir/graph';
import { indexGraph } from '../ir/graphIndex';
import { rewrite } from './context';
import { attrInt, constantOf, intsOf, isOp, soleReader } from './query';
import type { Pass } from './types';

interface Match {
  first: Node;
  second: Node;
  /** The second's new target when its 0s had to be resolved, else undefined (the target stays). */
  target: number[] | undefined;
  firstGoes: boolean;
}

const SHAPE_ONLY = ['Reshape', 'Flatten', 'Squeeze', 'Unsqueeze'];

/** The second's target with its copy-0s resolved against the first, or null when it has none; undefined: bail. */
function resolveZeros(graph: Graph, first: Node, s2: number[]): number[] | null | undefined {
  if (!s2.includes(0)) return null;
  if (first.opType !== 'Reshape' || attrInt(first, 'allowzero', 0) !== 0) return undefined;
  const s1 = intsOf(constantOf(graph, first.inputs[1]));
  if (!s1) return undefined;
  const resolved = s2.map((d, i) => (d !== 0 ? d : i < s1.length && s1[i] >= 0 ? s1[i] : undefined));
  return resolved.some((d) => d === undefined) ? undefined : (resolved as number[]);
}

export const reshapeMerge: Pass<Match> = {
  name: 'reshape-merge',
  level: 'extended',
  match(graph) {
    const index = indexGraph(graph);
    for (const second of graph.nodes) {
      if (!isOp(second, 'Reshape')) continue;
      const first = index.producer(second.inputs[0]);
      const s2 = intsOf(constantOf(graph, second.inputs[1]));
      const allowzero = attrInt(second, 'allowzero', 0);
      if (!isOp(first, ...SHAPE_ONLY) || !s2 || allowzero === undefined || !first.inputs[0]) continue;
      const target = allowzero === 1 ? null : resolveZeros(graph, first, s2);
      if (target === undefined) continue;
      const firstGoes = soleReader(index, first.outputs[0]) === second;
      return { first, second, target: target ?? undefined, firstGoes };
    }
    return null;
  },
  apply(graph, { first, second, target, firstGoes }) {
    second.inputs = [first.inputs[0], second.inputs[1]];
    if (target) {
      const name = nameGenerator(graph)(`${second.name}_shape`);
      addInitializer(graph, name, { dtype: 'int64', dims: [target.length], data: Float64Array.from(target) });
      second.inputs[1] = name;
    }
    if (firstGoes) removeNode(graph, first);
    return rewrite(
      'reshape-merge',
      { code: 'reshapes-merged', first: first.name, second: second.name, firstRemoved: firstGoes },
      {
        removed: firstGoes ? [first.name] : [],
        changed: [second.name],
        origins: { [second.name]: [first.name, second.name] },
      },
    );
  },
};
