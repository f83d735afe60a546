// constant-folding: what can be computed before any input arrives is computed once, now, by the reference
// interpreter's own operators, and stored as an initializer. Exact by construction: the same operator on the
// same constants gives the same tensor at every run. Three kinds, cheapest first:
//   1. a node whose inputs are all constants (a Constant node has none): its outputs become initializers;
//   2. Shape of a tensor whose shape is static (after shape inference): its dims;
//   3. a Reshape whose target is computed from the shape of the tensor it reshapes (reshapeTarget.ts).
// Folding stops at `maxFoldedElements` per output, so that it never writes a large tensor into the model
// (a Constant node is the exception: its tensor is in the model already). Random ops are never folded.
import { ModelError } from '../errors';
import { addInitializer, nameGenerator } from '../ir/edit';
import { roundToHalf } from '../ir/float16';
import type { Graph, Node, TypeInfo } from '../ir/graph';
import { NONDETERMINISTIC_OPS } from '../ir/infer';
import { indexGraph } from '../ir/graphIndex';
import { allocate, numel, type Tensor } from '../ir/tensor';
import { lookupOp } from '../ops/registry';
import { rewrite } from './context';
import { constantOf, hasSubgraphs, isOp, opsetOf } from './query';
import { reshapeTarget } from './reshapeTarget';
import type { Pass, PassContext } from './types';

type Match =
  { kind: 'values'; node: Node; outputs: Tensor[] } | { kind: 'reshape'; node: Node; target: number[] };

/** Runs one node on the given inputs with the interpreter's operator; undefined when it refuses them. */
function evaluate(ctx: PassContext, node: Node, inputs: (Tensor | null)[]): Tensor[] | undefined {
  const op = lookupOp(node.domain, node.opType);
  if (!op) return undefined;
  try {
    const outputs = op.run({ node, opset: opsetOf(ctx.model, node) }, inputs);
    if (node.outputs.some((name, i) => name && !outputs[i])) return undefined;
    // as the interpreter does: float16 results are rounded to half precision
    return outputs.map((t) =>
      t.dtype === 'float16' ? { ...t, data: (t.data as Float32Array).map(roundToHalf) } : t,
    );
  } catch (e) {
    if (e instanceof ModelError) return undefined;
    throw e;
  }
}

/** Whether the node may be folded at all: deterministic, no subgraphs, no output that is a graph output. */
function foldable(graph: Graph, node: Node): boolean {
  return (
    !NONDETERMINISTIC_OPS.has(node.opType) &&
    !hasSubgraphs(node) &&
    node.outputs.some(Boolean) &&
    !graph.outputs.some((v) => node.outputs.includes(v.name))
  );
}

/** Kind 1 for a Constant node: its value, whatever its size. */
function constantNode(ctx: PassContext, node: Node): Match | undefined {
  const outputs = evaluate(ctx, node, []);
  return outputs && { kind: 'values', node, outputs };
}

/**
 * Kind 1 for another node: all inputs constant, and every output static and small enough — which the
 * operator's own shape inference tells from the constants before anything is computed.
 */
function allConstantInputs(graph: Graph, ctx: PassContext, node: Node): Match | undefined {
  const inputs = node.inputs.map((name) => (name ? constantOf(graph, name) : null));
  const op = lookupOp(node.domain, node.opType);
  if (!op || inputs.some((t) => t === undefined)) return undefined;
  const known = inputs as (Tensor | null)[];
  let types: TypeInfo[];
  try {
    const typesIn = known.map((t) => t && { dtype: t.dtype, shape: [...t.dims] });
    types = op.infer({ node, opset: opsetOf(ctx.model, node) }, typesIn, known);
  } catch (e) {
    if (e instanceof ModelError) return undefined;
    throw e;
  }
  const small = types.every(
    ({ shape }) =>
      shape?.every((d) => typeof d === 'number') && numel(shape as number[]) <= ctx.maxFoldedElements,
  );
  const outputs = small ? evaluate(ctx, node, known) : undefined;
  return outputs && { kind: 'values', node, outputs };
}

/** Kind 2: Shape of a tensor with a static shape (the operator needs only the dims, not the values). */
function staticShape(ctx: PassContext, node: Node): Match | undefined {
  const type = ctx.shapes().types.get(node.inputs[0]);
  if (!type?.shape?.every((d) => typeof d === 'number')) return undefined;
  const stand = { dtype: type.dtype, dims: type.shape as number[], data: allocate(type.dtype, 0) } as Tensor;
  const outputs = evaluate(ctx, node, [stand]);
  return outputs && { kind: 'values', node, outputs };
}

const describe = (t: Tensor) => `${t.dtype}[${t.dims.join(', ')}]`;

export const constantFolding: Pass<Match> = {
  name: 'constant-folding',
  level: 'basic',
  match(graph, ctx) {
    const candidates = graph.nodes.filter((node) => foldable(graph, node));
    const constants = candidates.filter((n) => isOp(n, 'Constant'));
    for (const node of constants) {
      const found = constantNode(ctx, node);
      if (found) return found;
    }
    for (const node of candidates) {
      if (isOp(node, 'Constant') || node.inputs.every((name) => !name)) continue;
      if (node.inputs.every((name) => !name || constantOf(graph, name))) {
        const found = allConstantInputs(graph, ctx, node);
        if (found) return found;
      }
    }
    for (const node of candidates) {
      if (!isOp(node, 'Shape') || constantOf(graph, node.inputs[0])) continue;
      const found = staticShape(ctx, node);
      if (found) return found;
    }
    const index = indexGraph(graph);
    for (const node of graph.nodes) {
      if (!isOp(node, 'Reshape')) continue;
      const target = reshapeTarget(graph, ctx, index, node);
      if (target) return { kind: 'reshape', node, target };
    }
    return null;
  },
  apply(graph, match) {
    const { node } = match;
    if (match.kind === 'reshape') {
      const name = nameGenerator(graph)(`${node.name}_shape`);
      const target = match.target;
      addInitializer(graph, name, { dtype: 'int64', dims: [target.length], data: Float64Array.from(target) });
      node.inputs = [node.inputs[0], name];
      return rewrite(
        'constant-folding',
        { code: 'constant-reshape', node: node.name, shape: target },
        { changed: [node.name] },
      );
    }
    graph.nodes.splice(graph.nodes.indexOf(node), 1);
    node.outputs.forEach((name, i) => {
      if (!name) return;
      graph.valueInfo.delete(name);
      addInitializer(graph, name, match.outputs[i]);
    });
    return rewrite(
      'constant-folding',
      {
        code: 'folded-constant',
        node: { op: node.opType, name: node.name },
        constants: match.outputs.map(describe),
      },
      { removed: [node.name] },
    );
  },
};
