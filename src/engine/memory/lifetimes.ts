// Tensor lifetimes in execution order: when each activation is produced, when it is read for the last time,
// and how many bytes it takes. This is the input of every memory plan (greedy arena, lower bound, in place).
import { ModelError } from '../errors';
import type { Graph, Model, Node } from '../ir/graph';
import { evaluateDim, inferShapes, type ShapeInference } from '../ir/infer';
import { nodeDependencies, nodeLabel } from '../ir/scope';
import { BYTES_PER_ELEMENT, type DType } from '../ir/tensor';
import { topologicalOrder } from '../ir/topo';
import { assertValid } from '../ir/validate';

export interface LifetimeOptions {
  /** The value of the leading symbolic dim of every graph input (the batch), 1 by default. */
  batch?: number;
  /** Values of other symbolic dims; a symbol given nowhere counts as 1. */
  symbols?: Record<string, number>;
}

/** A lifetime before it gets an arena offset, with what the in-place check needs. */
export interface Lifetime {
  name: string;
  bytes: number;
  dtype: DType | null;
  /** Dims at the bound batch; null when unknown. */
  dims: number[] | null;
  start: number;
  end: number;
  /** True for a graph input: its buffer belongs to the caller. */
  isInput: boolean;
}

export interface Lifetimes {
  /** The nodes that run, in execution order (nodes computed from constants only are left out: folded). */
  order: Node[];
  /** Their labels (name, or "#index opType"), as in messages. */
  labels: string[];
  tensors: Lifetime[];
  /** Activations whose size shape inference could not tell (counted as 0 bytes). */
  unsized: string[];
  /** The numbers the symbolic dims were given. */
  symbols: Record<string, number>;
}

/** Largest batch accepted: beyond it the byte counts of a real model leave exact integer range. */
export const MAX_PLAN_BATCH = 1 << 20;

/** Leading dims of the inputs → batch, other symbols → symbols[s] ?? 1. */
function bindings(graph: Graph, batch: number, symbols: Record<string, number>): Record<string, number> {
  const bind: Record<string, number> = {};
  for (const v of graph.inputs)
    for (const d of v.type?.shape ?? []) if (typeof d === 'string' && d !== '?') bind[d] = symbols[d] ?? 1;
  for (const v of graph.inputs) {
    const lead = v.type?.shape?.[0];
    if (typeof lead === 'string' && lead !== '?') bind[lead] = batch;
  }
  return bind;
}

/** Shape inference at the bound dims; throws ModelError when an operator rejects the model as invalid. */
function inferBound(model: Model, bind: Record<string, number>): ShapeInference {
  const inference = inferShapes(model, { bind });
  const invalid = inference.errors.find((e) => e.code !== 'unsupported');
  if (invalid) throw new ModelError(invalid.code, invalid.message, { node: invalid.node });
  return inference;
}

/**
 * The lifetime of every activation of the model's top-level graph: graph inputs (not initializers) and node
 * outputs not computed from constants alone. Steps are indices into `order`; a graph input starts at -1, a
 * graph output ends at order.length (it must survive the run), a value nothing reads ends where it starts.
 */
export function tensorLifetimes(model: Model, { batch = 1, symbols = {} }: LifetimeOptions = {}): Lifetimes {
  if (!Number.isInteger(batch) || batch < 1 || batch > MAX_PLAN_BATCH)
    throw new ModelError('limit', `batch must be a whole number from 1 to ${MAX_PLAN_BATCH} (got ${batch})`);
  assertValid(model);
  const { graph } = model;
  const bind = bindings(graph, batch, symbols);
  const inference = inferBound(model, bind);
  const folded = (node: Node) =>
    node.outputs.some(Boolean) && node.outputs.every((o) => !o || inference.constantValues.has(o));
  const indexOf = new Map(graph.nodes.map((n, i) => [n, i]));
  const order = topologicalOrder(graph).filter((node) => !folded(node));

  const used: Record<string, number> = { ...bind };
  const unsized: string[] = [];
  const sizeOf = (name: string): { bytes: number; dtype: DType | null; dims: number[] | null } => {
    const type = inference.types.get(name);
    const dims = type?.shape?.map((d) => evaluateDim(d, (s) => (used[s] = symbols[s] ?? 1)));
    if (!type || !dims || dims.some((d) => d === null)) {
      unsized.push(name);
      return { bytes: 0, dtype: type?.dtype ?? null, dims: null };
    }
    const known = dims as number[];
    const elements = known.reduce((p, d) => p * d, 1);
    return { bytes: elements * BYTES_PER_ELEMENT[type.dtype], dtype: type.dtype, dims: known };
  };

  const tensors = new Map<string, Lifetime>();
  for (const v of graph.inputs)
    if (!graph.initializers.has(v.name) && !tensors.has(v.name))
      tensors.set(v.name, { name: v.name, ...sizeOf(v.name), start: -1, end: -1, isInput: true });
  order.forEach((node, step) => {
    for (const name of nodeDependencies(node)) {
      const t = tensors.get(name);
      if (t) t.end = Math.max(t.end, step);
    }
    for (const name of node.outputs)
      if (name && !tensors.has(name))
        tensors.set(name, { name, ...sizeOf(name), start: step, end: step, isInput: false });
  });
  for (const v of graph.outputs) {
    const t = tensors.get(v.name);
    if (t) t.end = order.length;
  }
  return {
    order,
    labels: order.map((node) => nodeLabel(node, indexOf.get(node)!)),
    tensors: [...tensors.values()],
    unsized,
    symbols: used,
  };
}

/** True when two lifetimes share a step (both tensors must exist at once). */
export const overlapInTime = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start <= b.end && b.start <= a.end;
