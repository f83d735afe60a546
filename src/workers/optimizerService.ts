// The inside of the graph-optimizer Worker: decoding and parsing models, running the pass pipeline with
// snapshots, and analysing one graph (shapes, per-node cost, memory plan). Every algorithm is the engine's;
// this file only calls it and shapes the answers. It receives a `post` function, so the same code runs in
// the browser Worker (optimizer.worker.ts) and in-process in the unit tests.
import {
  ModelError,
  assertValid,
  blockedLayoutReport,
  decodeModel,
  encodeModel,
  inferShapes,
  modelCost,
  nodeLabel,
  opCounts,
  ortWebBlockers,
  parseModelText,
  planMemory,
  printModelText,
  runPipeline,
  validate,
  type BlockedLayoutReport,
  type Graph,
  type MemoryPlan,
  type Model,
  type PipelineResult,
  type Tensor,
  type TypeInfo,
} from '../engine';
import type {
  Analysis,
  OptimizeOptions,
  OptimizeResult,
  OptimizerRequest,
  OptimizerResponse,
  SyntaxProblem,
  TimelineStep,
} from './optimizerProtocol';
import { serializeError } from './ortService';

export interface OptimizerServiceEnv {
  post(message: OptimizerResponse, transfer?: Transferable[]): void;
  now(): number;
}

/** Largest model file accepted (bytes): far above the course's models, below what would exhaust a tab. */
export const MAX_MODEL_BYTES = 256 * 2 ** 20;
/** Largest text accepted by the editor's parser (characters). */
export const MAX_TEXT_CHARS = 2 * 2 ** 20;
/** Progress messages during the pipeline are sent at most this often (ms). */
const PROGRESS_INTERVAL_MS = 50;
/** Problems listed by an analysis, at most. */
const MAX_PROBLEMS = 8;

/** The graph with the model's opsets and metadata around it. */
export const withGraph = (model: Model, graph: Graph): Model => ({ ...model, graph });

export function decode(bytes: ArrayBuffer): Model {
  if (!(bytes instanceof ArrayBuffer) || bytes.byteLength === 0)
    throw new ModelError('parse', 'the file is empty');
  if (bytes.byteLength > MAX_MODEL_BYTES)
    throw new ModelError(
      'limit',
      `the file has ${bytes.byteLength} bytes; the playground takes models up to ${MAX_MODEL_BYTES / 2 ** 20} MB`,
    );
  const model = decodeModel(new Uint8Array(bytes));
  assertValid(model);
  return model;
}

/**
 * The line (1-based) a structural problem about `word` points at: the second definition of a value defined
 * twice, else the first line that reads it, else its first mention, else 1.
 */
function lineOf(text: string, word: string | undefined, code: string): number {
  if (!word) return 1;
  const re = new RegExp(`(^|[^\\w./-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w./-])`);
  const lines = text.split('\n').map((line, i) => ({ line, i, eq: line.indexOf('=') }));
  const hits = lines.filter(({ line }) => re.test(line));
  const defines = hits.filter(({ line, eq }) => eq > 0 && re.test(line.slice(0, eq)));
  const reads = hits.filter(({ line, eq }) => eq > 0 && re.test(line.slice(eq + 1)));
  const hit =
    code === 'duplicate-definition'
      ? (defines[1] ?? defines[0])
      : code === 'definition'
        ? defines[0]
        : reads[0];
  return ((hit ?? hits[0])?.i ?? 0) + 1;
}

/** Parses the text syntax; a syntax error or a structural problem comes back as a SyntaxProblem, not a throw. */
export function parse(
  text: string,
  base: Map<string, Tensor>,
): { model: Model | null; problem: SyntaxProblem | null } {
  if (text.length > MAX_TEXT_CHARS)
    return {
      model: null,
      problem: {
        message: `the text has ${text.length} characters (limit ${MAX_TEXT_CHARS})`,
        line: 1,
        column: 1,
      },
    };
  let model: Model;
  try {
    model = parseModelText(text, base);
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    return {
      model: null,
      problem: { message: e.message, line: e.where.line ?? 1, column: e.where.column ?? 1 },
    };
  }
  const error = validate(model).find((issue) => issue.severity === 'error');
  if (error)
    return {
      model: null,
      problem: {
        message: error.message,
        line: lineOf(text, error.value ?? error.node, error.code),
        column: 1,
      },
    };
  // Accepted, but a node the engine cannot type (an unknown operator: often a typo) deserves a marker too.
  const inference = inferShapes(model);
  const unknown = inference.unknownOps[0];
  const doubtful = unknown ?? inference.errors[0];
  if (doubtful) {
    const node = model.graph.nodes.find((n, i) => nodeLabel(n, i) === doubtful.node);
    return {
      model,
      problem: {
        message: unknown ? unknown.message : `${doubtful.node} (${doubtful.opType}): ${doubtful.message}`,
        line: lineOf(text, node?.outputs.find(Boolean), 'definition'),
        column: 1,
        severity: 'warning',
      },
    };
  }
  return { model, problem: null };
}

/** The pipeline's result reshaped for the timeline: the graph at every position, each rewrite with its run. */
export function toTimeline(result: PipelineResult): OptimizeResult {
  const graphs: Graph[] = [result.input];
  const steps: TimelineStep[] = [];
  const runs = result.runs.map((run, index) => {
    run.rewrites.forEach((rewrite, i) => {
      steps.push({ ...rewrite, run: index, iteration: run.iteration });
      const snapshot = run.graphs?.[i];
      if (!snapshot) throw new Error(`the pipeline kept no snapshot after rewrite ${i} of ${run.pass}`);
      graphs.push(snapshot);
    });
    const { pass, iteration, ms, stats } = run;
    return { pass, iteration, ms, stats, rewrites: run.rewrites.length, end: steps.length };
  });
  const { before, after, iterations, converged, ms } = result;
  return { opsets: result.model.opsets, graphs, steps, runs, before, after, iterations, converged, ms };
}

/** Shapes, per-node cost, memory plan and stats (as graphStats counts them) of one graph. */
export function analyze(model: Model): Analysis {
  const problems: string[] = [];
  const inference = inferShapes(model);
  for (const p of [...inference.errors, ...inference.unknownOps])
    problems.push(`${p.node} (${p.opType}): ${p.message}`);
  const cost = modelCost(model, inference);
  let memory: MemoryPlan | null = null;
  try {
    memory = planMemory(model);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }
  let nc4hw4: BlockedLayoutReport | null = null;
  try {
    nc4hw4 = blockedLayoutReport(model);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }
  const valueTypes = new Map<string, TypeInfo>();
  for (const [name, type] of inference.types) if (type) valueTypes.set(name, type);
  const stats = {
    nodes: model.graph.nodes.length,
    opCounts: opCounts(model),
    params: cost.params,
    macs: cost.macs,
    peakBytes: memory?.plannedBytes ?? 0,
  };
  return {
    stats,
    valueTypes,
    nodes: cost.nodes.map((n) => ({
      macs: n.macs,
      params: n.params,
      bytes: n.weightBytes + n.inputBytes + n.outputBytes,
    })),
    memory,
    ortBlockers: ortWebBlockers(model),
    nc4hw4,
    problems: problems.slice(0, MAX_PROBLEMS),
  };
}

export function createOptimizerService(env: OptimizerServiceEnv) {
  function optimize(id: number, model: Model, options: OptimizeOptions): OptimizeResult {
    let last = -Infinity;
    const result = runPipeline(model, {
      ...options,
      snapshots: true,
      onProgress: (p) => {
        const now = env.now();
        if (now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        env.post({ kind: 'progress', id, ...p });
      },
    });
    return toTimeline(result);
  }

  function dispatch(request: OptimizerRequest): void {
    const { id } = request;
    switch (request.kind) {
      case 'decode': {
        const t0 = env.now();
        const model = decode(request.bytes);
        return env.post({ kind: 'decoded', id, model, ms: env.now() - t0 });
      }
      case 'parse':
        return env.post({ kind: 'parsed', id, ...parse(request.text, request.base) });
      case 'print':
        return env.post({ kind: 'printed', id, text: printModelText(request.model) });
      case 'optimize':
        return env.post({ kind: 'optimized', id, result: optimize(id, request.model, request.options) });
      case 'analyze':
        return env.post({ kind: 'analyzed', id, analysis: analyze(request.model) });
      case 'encode': {
        const bytes = encodeModel(request.model);
        const buffer = bytes.buffer.slice(
          bytes.byteOffset,
          bytes.byteOffset + bytes.byteLength,
        ) as ArrayBuffer;
        return env.post({ kind: 'encoded', id, bytes: buffer }, [buffer]);
      }
      default:
        throw new ModelError('input', `unknown request kind "${(request as { kind: unknown }).kind}"`);
    }
  }

  /** Handles one message; never throws: a failure is posted back as an error for that request. */
  function handle(request: OptimizerRequest): void {
    const id = typeof request?.id === 'number' ? request.id : null;
    try {
      dispatch(request);
    } catch (e) {
      env.post({ kind: 'error', id, error: serializeError(e) });
    }
  }

  return { handle };
}
