// The reference interpreter: runs a model's nodes in topological order with the operators of ops/.
// One code path serves the synchronous run(), the Worker-friendly runAsync() (which yields to the event
// loop so a cancel message can arrive) and tracing (the per-node callback sees every intermediate tensor).
import { ModelError } from '../errors';
import type { Model, Node } from '../ir/graph';
import { roundToHalf } from '../ir/float16';
import { numel, type Tensor } from '../ir/tensor';
import { lookupOp } from '../ops/registry';
import type { OpContext } from '../ops/types';
import { runSteps, runStepsAsync } from '../steps';
import { startingValues } from './feeds';
import { executionOrder } from './order';

/** What the per-node callback sees, right after the node ran. */
export interface NodeRun {
  /** Position in execution order, 0-based, and the number of nodes. */
  index: number;
  total: number;
  node: Node;
  /** Input tensors (null for omitted optional inputs) and output tensors, in the node's order. */
  inputs: (Tensor | null)[];
  outputs: Tensor[];
  /** Wall-clock time of the operator, milliseconds. */
  ms: number;
  /** Bytes of feeds and computed values still held after this node (intermediates are freed after their last use). */
  liveBytes: number;
}

export interface RunOptions {
  /** Names of the values to return (any intermediate value may be asked for). Default: the graph outputs. */
  outputs?: string[];
  /** Return every value computed (all node outputs), not only `outputs`; nothing is freed. */
  keepIntermediates?: boolean;
  /** Called after each node (tracing, progress, calibration statistics). */
  onNode?: (run: NodeRun) => void;
  /** Checked between nodes; when aborted, the run stops with a CancelledError. */
  signal?: { readonly aborted: boolean };
}

export class CancelledError extends Error {
  constructor() {
    super('the run was cancelled');
    this.name = 'CancelledError';
  }
}

/** Ops whose bodies are subgraphs: they parse and show, but this interpreter does not execute them. */
const SUBGRAPH_OPS = new Set(['If', 'Loop', 'Scan', 'SequenceMap']);

const nodeLabel = (node: Node) => node.name || node.opType;

function operatorFor(model: Model, node: Node) {
  const op = lookupOp(node.domain, node.opType);
  const where = { node: nodeLabel(node) };
  const qualified = node.domain ? `${node.domain}::${node.opType}` : node.opType;
  if (SUBGRAPH_OPS.has(node.opType) && !node.domain)
    throw new ModelError(
      'unsupported',
      `${node.opType} runs a subgraph, which is parsed and shown but not executable here`,
      where,
    );
  if (!op)
    throw new ModelError('unsupported', `operator ${qualified} is not supported by the interpreter`, where);
  const opset = model.opsets[node.domain];
  if (opset === undefined)
    throw new ModelError('invalid', `the model imports no opset for domain "${node.domain}"`, where);
  return { op, ctx: { node, opset } satisfies OpContext };
}

/**
 * Checks an operator's result and rounds float16 values. An output the node asks for but the operator does
 * not compute is a ModelError ('unsupported'); data that does not fit its dims is an operator bug (Error).
 */
function finish(node: Node, outputs: Tensor[]): void {
  node.outputs.forEach((name, k) => {
    if (name && !outputs[k])
      throw new ModelError(
        'unsupported',
        `${node.opType}: output ${k} ("${name}") is not computed by the interpreter`,
        { node: nodeLabel(node) },
      );
  });
  for (const t of outputs) {
    if (t.data.length !== numel(t.dims))
      throw new Error(`${node.opType} produced ${t.data.length} values for shape [${t.dims.join(', ')}]`);
    // float16 values are held as float32: round each result so arithmetic behaves as in half precision
    if (t.dtype === 'float16')
      for (let i = 0; i < t.data.length; i++)
        (t.data as Float32Array)[i] = roundToHalf((t.data as Float32Array)[i]);
  }
}

/** Runs the model one node per step; returns the requested values. */
function* execute(
  model: Model,
  feeds: Readonly<Record<string, Tensor>>,
  options: RunOptions,
): Generator<void, Record<string, Tensor>> {
  const graph = model.graph;
  const values = startingValues(graph, feeds);
  const wanted = options.outputs ?? graph.outputs.map((o) => o.name);
  const order = executionOrder(graph, new Set(values.keys()));
  const ops = order.map((i) => operatorFor(model, graph.nodes[i]));

  const produced = new Set(graph.nodes.flatMap((n) => n.outputs));
  for (const name of wanted)
    if (!values.has(name) && !produced.has(name))
      throw new ModelError('input', `"${name}" is not a value of the model`, { field: `output ${name}` });

  // after the node at this position runs, these values are no longer needed
  const lastUse = new Map<string, number>();
  order.forEach((i, step) => graph.nodes[i].inputs.forEach((name) => name && lastUse.set(name, step)));
  const keep = new Set(wanted);

  // bytes held by computed values and feeds (initializers belong to the model and are not counted)
  const counted = (name: string) => !graph.initializers.has(name) || name in feeds;
  const bytesOf = (t: Tensor) => (ArrayBuffer.isView(t.data) ? t.data.byteLength : 0);
  let liveBytes = 0;
  for (const [name, t] of values) if (counted(name)) liveBytes += bytesOf(t);
  const release = (name: string) => {
    const t = values.get(name);
    if (!t || keep.has(name) || !counted(name)) return;
    liveBytes -= bytesOf(t);
    values.delete(name);
  };

  for (let step = 0; step < order.length; step++) {
    if (options.signal?.aborted) throw new CancelledError();
    const node = graph.nodes[order[step]];
    const { op, ctx } = ops[step];
    const inputs = node.inputs.map((name) => (name ? values.get(name)! : null));
    const start = performance.now();
    const outputs = op.run(ctx, inputs);
    const ms = performance.now() - start;
    finish(node, outputs);
    node.outputs.forEach((name, k) => {
      if (!name) return;
      values.set(name, outputs[k]);
      liveBytes += bytesOf(outputs[k]);
    });
    if (!options.keepIntermediates) {
      // inputs read for the last time, and outputs nobody reads (an unused Dropout mask…), are dropped
      for (const name of node.inputs) if (name && lastUse.get(name) === step) release(name);
      for (const name of node.outputs) if (name && !lastUse.has(name)) release(name);
    }
    options.onNode?.({ index: step, total: order.length, node, inputs, outputs, ms, liveBytes });
    yield;
  }

  if (options.keepIntermediates) return Object.fromEntries([...values].filter(([name]) => counted(name)));
  return Object.fromEntries(wanted.map((name) => [name, values.get(name)!]));
}

/** Runs the model on the feeds (graph input name → tensor) and returns the outputs by name. */
export function run(
  model: Model,
  feeds: Readonly<Record<string, Tensor>>,
  options: RunOptions = {},
): Record<string, Tensor> {
  return runSteps(execute(model, feeds, options));
}

/**
 * run(), but yielding to the event loop at least every `yieldEveryMs`, so that a Worker stays responsive
 * (a cancel message can flip the signal) during a long run.
 */
export async function runAsync(
  model: Model,
  feeds: Readonly<Record<string, Tensor>>,
  options: RunOptions & { yieldEveryMs?: number } = {},
): Promise<Record<string, Tensor>> {
  return runStepsAsync(execute(model, feeds, options), options.yieldEveryMs);
}
