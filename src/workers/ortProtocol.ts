// Messages between the page (ortClient.ts) and the onnxruntime-web Worker (ort.worker.ts).
// Every request carries an id; the worker answers it with exactly one final message (a result or an
// error) and, for long jobs, any number of progress messages before it. Tensors are engine Tensors
// (plain objects), so they cross the boundary by structured clone and their buffers can be transferred.
import type { DType, LatencySummary, Tensor } from '../engine';

export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';

export interface SessionOptions {
  /** onnxruntime's own graph optimizations (default 'all'). */
  graphOptimizationLevel?: GraphOptimizationLevel;
  /** Only the WebAssembly CPU backend is bundled. */
  executionProviders?: ['wasm'];
  /**
   * Threads of the WebAssembly runtime. It is fixed by the first session a worker creates (onnxruntime-web
   * starts its thread pool once); forced to 1 when the page is not cross-origin isolated. Default: the
   * runtime's choice (about half the logical cores, at most 4).
   */
  numThreads?: number;
}

/** An input or output as the model declares it; a symbolic dimension is its name (or null when unnamed). */
export interface ValueInfo {
  name: string;
  dtype: DType | string;
  shape: (number | string | null)[];
}

export interface SessionInfo {
  session: number;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  /** Threads of the runtime actually in use, and whether the page allowed threads at all. */
  threads: number;
  crossOriginIsolated: boolean;
}

/** How `time` builds its inputs: given tensors, or seeded uniform random values in [min, max). */
export type TimingInput =
  | { kind: 'tensors'; feeds: Record<string, Tensor> }
  | { kind: 'uniform'; seed: number; min: number; max: number };

export interface TimingRequest {
  /** Batch size substituted for each input's first (symbolic) dimension. */
  batch: number;
  /** Timed runs; `warmup` untimed runs come first (default 2). */
  runs: number;
  warmup?: number;
  /**
   * Browsers coarsen performance.now() (5 µs with cross-origin isolation, 100 µs without), too coarse for a
   * model that runs in a fraction of a millisecond. With this set, each timed sample runs the model back to
   * back as many times as it takes (judged from the last warm-up run) to last at least this long, and
   * records the mean per run.
   */
  minSampleMs?: number;
  input: TimingInput;
}

export interface TimingResult extends LatencySummary {
  batch: number;
  /** Runs per timed sample (1 unless minSampleMs asked for more). */
  repeat?: number;
  /** Every timed run in milliseconds, in the order measured. */
  samples: number[];
}

export type OrtRequest =
  | { kind: 'create'; id: number; model: ArrayBuffer; options: SessionOptions }
  | { kind: 'run'; id: number; session: number; feeds: Record<string, Tensor> }
  | ({ kind: 'time'; id: number; session: number } & TimingRequest)
  | { kind: 'release'; id: number; session: number };

export interface SerializedError {
  name: string;
  message: string;
  /** ModelError's code, when the error is a ModelError. */
  code?: string;
}

export type OrtResponse =
  | ({ kind: 'created'; id: number } & SessionInfo)
  | { kind: 'ran'; id: number; outputs: Record<string, Tensor>; ms: number }
  | { kind: 'progress'; id: number; done: number; total: number }
  | ({ kind: 'timed'; id: number } & TimingResult)
  | { kind: 'released'; id: number }
  /** id is null for a failure that belongs to no request (an uncaught error inside the worker). */
  | { kind: 'error'; id: number | null; error: SerializedError };
