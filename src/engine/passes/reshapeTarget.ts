// The target of a Reshape computed from tensor shapes — what PyTorch exports for x.view(x.size(0), -1) or
// q.reshape(b, s, h, d): Shape(t) → Gather(i) → Unsqueeze → Concat([…, -1]) → Reshape(x, ·). Such a target is
// often known before running even when the batch dim is symbolic. An entry that is dim i of t:
//   – a static dim (shape inference) is its number;
//   – at position p of the target, when dim p of x is that same dim, is Reshape's 0 ("copy the input's dim",
//     allowzero = 0): exactly so when t is x and i = p; otherwise when shape inference names both dims with the
//     same symbol (a dim_param of the graph inputs carried through the operators, as onnxruntime's
//     ReshapeFusion compares them).
import type { GraphIndex } from '../ir/graphIndex';
import type { Graph, Node } from '../ir/graph';
import { attrInt, constantOf, intsOf, isOp, listArgument } from './query';
import type { PassContext } from './types';

/** One entry of a target: a known number, or dim `dim` of tensor `of`. */
type Entry = { value: number } | { of: string; dim: number };

/** Entries of `Gather(Shape(t), indices)` (or of Unsqueeze of a scalar such Gather). */
function dimsOf(graph: Graph, ctx: PassContext, index: GraphIndex, value: string): Entry[] | undefined {
  let node = index.producer(value);
  let unsqueezed = false;
  if (isOp(node, 'Unsqueeze')) {
    const axes = listArgument(graph, ctx.model, node, 'axes', 13, 1);
    if (!axes || axes.length !== 1 || axes[0] !== 0) return undefined;
    unsqueezed = true;
    node = index.producer(node.inputs[0]);
  }
  if (!isOp(node, 'Gather') || attrInt(node, 'axis', 0) !== 0) return undefined;
  const shape = index.producer(node.inputs[0]);
  const indices = constantOf(graph, node.inputs[1]);
  const picked = intsOf(indices);
  if (!isOp(shape, 'Shape') || !picked || !indices) return undefined;
  if (shape.attributes.start || shape.attributes.end) return undefined;
  // Unsqueeze(axes [0]) of a scalar index gives one entry; a 1-D index list gives its entries
  if (unsqueezed !== (indices.dims.length === 0) || picked.some((i) => i < 0)) return undefined;
  return picked.map((dim) => ({ of: shape.inputs[0], dim }));
}

/** Entries of the 1-D int64 value `value`: a constant, or a Concat of constants and dims of tensors. */
function entriesOf(graph: Graph, ctx: PassContext, index: GraphIndex, value: string): Entry[] | undefined {
  const known = constantOf(graph, value);
  if (known) return known.dims.length === 1 ? intsOf(known)?.map((v) => ({ value: v })) : undefined;
  const concat = index.producer(value);
  if (!isOp(concat, 'Concat') || attrInt(concat, 'axis', 0) !== 0) return undefined;
  const entries: Entry[] = [];
  for (const part of concat.inputs) {
    const t = constantOf(graph, part);
    const found = t
      ? t.dims.length === 1
        ? intsOf(t)?.map((v) => ({ value: v }))
        : undefined
      : dimsOf(graph, ctx, index, part);
    if (!found) return undefined;
    entries.push(...found);
  }
  return entries;
}

/**
 * The constant target a Reshape's computed shape input stands for, or undefined when it is not of that
 * kind (or already constant).
 */
export function reshapeTarget(
  graph: Graph,
  ctx: PassContext,
  index: GraphIndex,
  reshape: Node,
): number[] | undefined {
  const [data, shape] = reshape.inputs;
  if (!data || !shape || constantOf(graph, shape) || attrInt(reshape, 'allowzero', 0) !== 0) return undefined;
  const entries = entriesOf(graph, ctx, index, shape);
  if (!entries || entries.every((e) => 'value' in e)) return undefined;
  const dimsOfValue = (name: string) => ctx.shapes().types.get(name)?.shape;
  const target: number[] = [];
  for (const [p, e] of entries.entries()) {
    if ('value' in e) target.push(e.value);
    else if (e.of === data && e.dim === p) target.push(0);
    else {
      const d = dimsOfValue(e.of)?.[e.dim];
      if (typeof d === 'number') target.push(d);
      else if (d !== undefined && d !== '?' && dimsOfValue(data)?.[p] === d) target.push(0);
      else return undefined;
    }
  }
  return target.filter((d) => d === -1).length <= 1 ? target : undefined;
}
