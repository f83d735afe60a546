// The pipeline: a flat, named list of passes (registry.ts) run in sweeps until a whole sweep rewrites nothing
// (a fixed point) or maxIterations sweeps have run. Every pass applies itself for as long as it matches; the
// graph is checked before the first pass and after every pass that rewrote it (check.ts), and its stats are
// measured there. Every rewrite is recorded — with a snapshot of the graph when asked — so that the UI can
// replay the optimization one rewrite or one pass at a time (as tinygrad records its graph rewrites).
import { ModelError } from '../errors';
import { nameGenerator } from '../ir/edit';
import type { Attribute, Graph, Model, Node } from '../ir/graph';
import { topologicalOrder } from '../ir/topo';
import { CancelledError } from '../interpreter/run';
import { runSteps, runStepsAsync } from '../steps';
import { assertPassKeptGraph, checkGraph, type GraphCheck } from './check';
import { createPassContext } from './context';
import { selectPasses } from './registry';
import { graphStats } from './stats';
import type { Pass, PassRun, PipelineOptions, PipelineResult, Rewrite } from './types';

const DEFAULT_MAX_ITERATIONS = 10;

const copyAttribute = (a: Attribute): Attribute =>
  a.type === 'graph' || a.type === 'graphs' ? structuredClone(a) : a;

/**
 * A copy of the graph whose nodes, lists and maps are its own while tensors are shared: what a snapshot
 * needs, since passes replace tensors but never write into one. Subgraphs are copied (a rename reaches into them).
 */
export function snapshotGraph(graph: Graph): Graph {
  return {
    ...graph,
    nodes: graph.nodes.map((n): Node => ({
      ...n,
      inputs: [...n.inputs],
      outputs: [...n.outputs],
      attributes: Object.fromEntries(Object.entries(n.attributes).map(([k, a]) => [k, copyAttribute(a)])),
    })),
    inputs: graph.inputs.map((v) => ({ ...v })),
    outputs: graph.outputs.map((v) => ({ ...v })),
    initializers: new Map(graph.initializers),
    valueInfo: new Map(graph.valueInfo),
  };
}

/** Names for unnamed nodes (and second uses of a name), and nodes in topological order (ONNX requires it). */
function prepare(graph: Graph): void {
  const fresh = nameGenerator(graph);
  const seen = new Set<string>();
  graph.nodes.forEach((node, i) => {
    if (!node.name || seen.has(node.name)) node.name = fresh(`${node.opType}_${i}`);
    seen.add(node.name);
  });
  graph.nodes = topologicalOrder(graph);
}

/** A bound on rewrites in one pass run: far above what a correct pass does, so that a looping pass is caught. */
const rewriteLimit = (graph: Graph) => 10 * (graph.nodes.length + graph.initializers.size) + 1000;

function* pipeline(
  input: Model,
  passes: readonly Pass[],
  options: PipelineOptions,
): Generator<void, PipelineResult> {
  const start = performance.now();
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  if (!Number.isInteger(maxIterations) || maxIterations < 1)
    throw new ModelError('input', `maxIterations must be a whole number ≥ 1 (got ${maxIterations})`);
  const model: Model = {
    ...input,
    opsets: { ...input.opsets },
    metadata: { ...input.metadata },
    graph: snapshotGraph(input.graph),
  };
  const graph = model.graph;
  prepare(graph);
  const inputGraph = snapshotGraph(graph);

  let check: GraphCheck = checkGraph(model);
  if (check.problems.length > 0) {
    const more = check.problems.length > 1 ? ` (and ${check.problems.length - 1} more problems)` : '';
    throw new ModelError('invalid', `cannot optimize a broken model: ${check.problems[0]}${more}`);
  }
  const before = graphStats(model, check.inference ?? undefined);
  let stats = before;
  const { ctx, invalidate } = createPassContext(model, options);
  const runs: PassRun[] = [];
  let iterations = 0;
  let converged = false;

  while (!converged && iterations < maxIterations) {
    iterations++;
    let sweep = 0;
    for (const pass of passes) {
      const t0 = performance.now();
      const rewrites: Rewrite[] = [];
      const graphs: Graph[] = [];
      const limit = rewriteLimit(graph);
      for (;;) {
        if (options.signal?.aborted) throw new CancelledError();
        const match = pass.match(graph, ctx);
        if (match === null) break;
        rewrites.push(pass.apply(graph, match, ctx));
        invalidate();
        if (options.snapshots) graphs.push(snapshotGraph(graph));
        if (rewrites.length > limit)
          throw new Error(`pass ${pass.name} did not stop after ${limit} rewrites (a bug in the pass)`);
        options.onProgress?.({ iteration: iterations, pass: pass.name, rewrites: rewrites.length });
        yield;
      }
      const ms = performance.now() - t0;
      if (rewrites.length > 0) {
        const after = checkGraph(model);
        assertPassKeptGraph(pass.name, check, after);
        check = after;
        stats = graphStats(model, check.inference ?? undefined);
      }
      runs.push({
        pass: pass.name,
        iteration: iterations,
        rewrites,
        ms,
        stats,
        ...(options.snapshots ? { graphs } : {}),
      });
      options.onProgress?.({ iteration: iterations, pass: pass.name, rewrites: rewrites.length });
      sweep += rewrites.length;
      yield;
    }
    converged = sweep === 0;
  }
  return {
    model,
    input: inputGraph,
    before,
    after: stats,
    runs,
    iterations,
    converged,
    ms: performance.now() - start,
  };
}

/**
 * Optimizes a copy of the model with the passes of `options.level` (default 'extended') or exactly
 * `options.passes`. Throws ModelError for a model that is broken to begin with, PassError when a pass breaks
 * the graph, CancelledError when `options.signal` is aborted.
 */
export function runPipeline(model: Model, options: PipelineOptions = {}): PipelineResult {
  return runPasses(model, selectPasses(options), options);
}

/** The pipeline with a list of passes of one's own (a lesson's pass, a test's broken one); `level`/`passes` are ignored. */
export function runPasses(
  model: Model,
  passes: readonly Pass[],
  options: PipelineOptions = {},
): PipelineResult {
  return runSteps(pipeline(model, passes, options));
}

/** runPipeline, yielding to the event loop at least every `yieldEveryMs` so a Worker can take a cancel message. */
export async function runPipelineAsync(
  model: Model,
  options: PipelineOptions & { yieldEveryMs?: number } = {},
): Promise<PipelineResult> {
  return runStepsAsync(pipeline(model, selectPasses(options), options), options.yieldEveryMs);
}
