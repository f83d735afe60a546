// The contract of graph-optimization passes (chapter 4). A pass is data-driven: `match` finds the next place
// it applies (pure, bails out quietly on anything unsupported), `apply` rewrites the graph there and returns
// what it did as a Rewrite. The pipeline records every Rewrite so the UI can replay the optimization one
// rewrite or one pass at a time, and map a fused node back to the nodes it replaced.
import type { Graph, Model } from '../ir/graph';
import type { ShapeInference } from '../ir/infer';
import type { RewriteMessage } from './messages';

export type PassLevel = 'basic' | 'extended' | 'all';

/** Pass names, as the lessons and the CLI's --passes use them. */
export const PASS_NAMES = [
  // basic
  'eliminate-redundant',
  'dead-code',
  'constant-folding',
  'cse',
  // extended
  'fold-batchnorm',
  'fold-affine',
  'fuse-activation',
  'matmul-add-to-gemm',
  'transpose-cancel',
  'reshape-merge',
  'activation-after-pool',
  // all
  'layout-nhwc',
] as const;

export type PassName = (typeof PASS_NAMES)[number];

/** One rewrite of the graph by a pass. Node names refer to the graph before (removed) and after (added). */
export interface Rewrite {
  pass: PassName;
  /** What was done, as data (the playground words it in the reader's language). */
  message: RewriteMessage;
  /** englishSummary(message): one line, e.g. "folded bn1 into the weights and bias of Conv conv1". */
  summary: string;
  removed: string[];
  added: string[];
  /** Nodes kept but changed in place (new attributes or inputs), e.g. a Conv whose weights absorbed a BN. */
  changed: string[];
  /**
   * For each added or changed node that stands for nodes of the graph before this rewrite: those nodes, itself
   * included when it was there (a fused node → its parts; a Conv that absorbed a BN → [conv, bn]; the survivor
   * of CSE → [itself, its duplicate]). Compose them across rewrites to reach the pipeline's input graph.
   */
  origins: Record<string, string[]>;
}

export interface PassContext {
  model: Model;
  /** Largest tensor (elements) constant folding may create. */
  maxFoldedElements: number;
  /** Export fused nodes as onnxruntime contrib ops (com.microsoft FusedConv/FusedGemm) or keep standard ONNX. */
  contribOps: boolean;
  /**
   * Shape inference of `model` as it is now: computed on first use and kept until the next rewrite (the
   * pipeline drops it after every apply). For `match` only; `apply` must use what its match found.
   */
  shapes(): ShapeInference;
}

export interface Pass<M = unknown> {
  name: PassName;
  level: PassLevel;
  /** The next place the pass applies, or null when there is none. Must not modify the graph. */
  match(graph: Graph, ctx: PassContext): M | null;
  /** Rewrites the graph at the match (in place) and says what it did. */
  apply(graph: Graph, match: M, ctx: PassContext): Rewrite;
}

/** Size and cost of a graph, measured after every pass so the UI's stats table can update per step. */
export interface GraphStats {
  nodes: number;
  opCounts: Record<string, number>;
  /** Parameters as the cost model counts them (ir/cost.ts: constant tensors of weight types, > 1 element). */
  params: number;
  /** Multiply-accumulates of one inference (symbolic dims at 1; nodes of constants only count 0). */
  macs: number;
  /** Peak of the greedy memory plan (bytes), see MemoryPlan.plannedBytes. */
  peakBytes: number;
}

export interface PipelineOptions {
  /** Which passes run: all passes of this level and below (default 'extended'), or exactly `passes`. */
  level?: PassLevel;
  passes?: PassName[];
  /** See PassContext. Defaults: contribOps true, maxFoldedElements MAX_FOLDED_ELEMENTS. */
  contribOps?: boolean;
  maxFoldedElements?: number;
  /** Bound on sweeps over the pass list (default 10); `converged` is false when it was reached. */
  maxIterations?: number;
  /** Keep the graph after every rewrite (nodes copied, tensors shared) so a UI can step through them. */
  snapshots?: boolean;
  onProgress?: (progress: { iteration: number; pass: PassName; rewrites: number }) => void;
  /** Checked between rewrites; when set, the pipeline throws CancelledError. */
  signal?: { readonly aborted: boolean };
}

/** One run of one pass in one sweep: its rewrites, time and the graph's stats after it. */
export interface PassRun {
  pass: PassName;
  iteration: number;
  rewrites: Rewrite[];
  ms: number;
  stats: GraphStats;
  /** With `snapshots`: the graph after each rewrite of this run (same order as `rewrites`). */
  graphs?: Graph[];
}

export interface PipelineResult {
  /**
   * The optimized model. The input model is never modified; the two share tensors (passes never write into
   * a tensor, they make new ones).
   */
  model: Model;
  /**
   * The graph the rewrites start from (position 0 of a timeline): the input's graph, with a name for every
   * unnamed node (`<opType>_<index>`) and nodes in topological order — the names the rewrites use.
   */
  input: Graph;
  before: GraphStats;
  after: GraphStats;
  runs: PassRun[];
  iterations: number;
  converged: boolean;
  ms: number;
}
