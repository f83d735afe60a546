// Messages between the page (optimizerClient.ts) and the graph-optimizer Worker (optimizer.worker.ts).
// The worker is stateless: every request carries the model it is about, so a request can be re-sent to a
// fresh worker after another one was cancelled (cancelling terminates the worker: the passes are synchronous).
// Models and graphs cross by structured clone, which keeps shared tensors shared: the pipeline's snapshots
// share their weights, so sending every snapshot costs the weights once.
import type {
  BlockedLayoutReport,
  Graph,
  GraphStats,
  MemoryPlan,
  Model,
  OrtWebBlocker,
  PassName,
  PipelineOptions,
  Rewrite,
  Tensor,
  TypeInfo,
} from '../engine';
import type { SerializedError } from './ortProtocol';

/** What the page may choose of the pipeline (no callbacks or signals: those stay in the worker). */
export type OptimizeOptions = Pick<
  PipelineOptions,
  'level' | 'passes' | 'contribOps' | 'maxIterations' | 'maxFoldedElements'
>;

/** One rewrite on the timeline: the Rewrite, and which pass run (index into OptimizeResult.runs) made it. */
export interface TimelineStep extends Rewrite {
  run: number;
  iteration: number;
}

/** One run of one pass, without its snapshots; `end` is the timeline position after its last rewrite. */
export interface TimelineRun {
  pass: PassName;
  iteration: number;
  rewrites: number;
  ms: number;
  stats: GraphStats;
  end: number;
}

export interface OptimizeResult {
  /** Operator sets the graphs need (the input's, plus com.microsoft when a pass used its contrib ops). */
  opsets: Record<string, number>;
  /** The graph at every position: 0 is the input, k the graph after the k-th rewrite. */
  graphs: Graph[];
  /** steps[k − 1] is the rewrite that leads from position k − 1 to k. */
  steps: TimelineStep[];
  runs: TimelineRun[];
  before: GraphStats;
  after: GraphStats;
  iterations: number;
  converged: boolean;
  /** Pipeline time in the worker (ms). */
  ms: number;
}

/** Per-node cost figures, aligned with graph.nodes. */
export interface NodeFigures {
  macs: number;
  params: number;
  /** Weight + activation bytes the node reads and writes. */
  bytes: number;
}

/** What the page shows for one graph: stats, shapes for edge labels, per-node costs, the memory plan. */
export interface Analysis {
  stats: GraphStats;
  valueTypes: Map<string, TypeInfo>;
  nodes: NodeFigures[];
  memory: MemoryPlan | null;
  /** Nodes onnxruntime-web cannot run (the channels-last ops of the layout pass); empty when it runs. */
  ortBlockers: OrtWebBlocker[];
  /** What the blocked NC4HW4 layout would cost the activations (a what-if, not a rewrite). */
  nc4hw4: BlockedLayoutReport | null;
  /** Why there is no memory plan, or what shape inference could not do (unknown ops, errors). */
  problems: string[];
}

export interface SyntaxProblem {
  message: string;
  line: number;
  column: number;
  /** A warning comes with a model that was accepted (an operator the engine does not know, a shape error). */
  severity?: 'warning';
}

export type OptimizerRequest =
  | { kind: 'decode'; id: number; bytes: ArrayBuffer; name: string }
  | { kind: 'parse'; id: number; text: string; base: Map<string, Tensor> }
  | { kind: 'print'; id: number; model: Model }
  | { kind: 'optimize'; id: number; model: Model; options: OptimizeOptions }
  | { kind: 'analyze'; id: number; model: Model }
  | { kind: 'encode'; id: number; model: Model };

export type OptimizerResponse =
  | { kind: 'decoded'; id: number; model: Model; ms: number }
  | { kind: 'parsed'; id: number; model: Model | null; problem: SyntaxProblem | null }
  | { kind: 'printed'; id: number; text: string }
  | { kind: 'progress'; id: number; iteration: number; pass: PassName; rewrites: number }
  | { kind: 'optimized'; id: number; result: OptimizeResult }
  | { kind: 'analyzed'; id: number; analysis: Analysis }
  | { kind: 'encoded'; id: number; bytes: ArrayBuffer }
  /** id is null for a failure that belongs to no request (an uncaught error inside the worker). */
  | { kind: 'error'; id: number | null; error: SerializedError };
