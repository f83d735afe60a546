// Verification of an optimized graph against its input graph, in onnxruntime-web (in its Worker): both
// run on the same seeded input with onnxruntime's own graph optimizations off — so the only difference is
// our passes — and their outputs are compared; then both are timed at that level and at onnxruntime's
// default level ('all'), for reference. Every number comes from this run.
import { fillUniform, numericError, type Model, type Tensor } from '../../engine';
import type { OptimizerClient } from '../../workers/optimizerClient';
import type { OrtClient, OrtSession } from '../../workers/ortClient';
import type { GraphOptimizationLevel } from '../../workers/ortProtocol';

/** Seed of the verification input: fixed, so every reader compares on the same input. */
export const VERIFY_SEED = 4242;
/** Outputs agree when max |Δ| ≤ TOLERANCE · max |y|: float32 sums taken in another order differ by far less. */
export const VERIFY_TOLERANCE = 1e-4;
export const WARMUP = 2;

export type VerifyStage = 'encode' | 'load' | 'run' | 'time';

export interface OutputError {
  name: string;
  maxAbs: number;
  maxRel: number;
  ok: boolean;
}

export interface VerifyResult {
  outputs: OutputError[];
  /** Median latency (ms) per graph and onnxruntime level. */
  latency: Record<'input' | 'optimized', Record<'disabled' | 'all', number>>;
  runs: number;
  threads: number;
}

/** onnxruntime-web refused the optimized model: why (the graph is not exported or verified as is). */
export class CannotRunError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CannotRunError';
  }
}

/** One seeded input per graph input: float32, symbolic dims at 1, values uniform in [0, 1). */
export function seededFeeds(model: Model, seed = VERIFY_SEED): Record<string, Tensor> {
  const { graph } = model;
  const feeds: Record<string, Tensor> = {};
  graph.inputs
    .filter((v) => !graph.initializers.has(v.name))
    .forEach((v, i) => {
      const type = v.type;
      if (!type || type.dtype !== 'float32' || !type.shape)
        throw new Error(
          `input "${v.name}" is not a float32 tensor of known rank: verification generates only those`,
        );
      const dims = type.shape.map((d) => (typeof d === 'number' ? d : 1));
      const n = dims.reduce((a, b) => a * b, 1);
      feeds[v.name] = { dtype: 'float32', dims, data: fillUniform(new Float32Array(n), seed + i, 0, 1) };
    });
  return feeds;
}

export interface VerifyCall {
  runs: number;
  onStage(stage: VerifyStage, done?: number, total?: number): void;
}

export async function verifyModels(
  optimizer: OptimizerClient,
  ort: OrtClient,
  input: Model,
  optimized: Model,
  { runs, onStage }: VerifyCall,
): Promise<VerifyResult> {
  onStage('encode');
  const feeds = seededFeeds(input);
  const bytes = { input: await optimizer.encode(input), optimized: await optimizer.encode(optimized) };
  const sessions: OrtSession[] = [];
  const open = async (which: 'input' | 'optimized', level: GraphOptimizationLevel) => {
    try {
      const s = await ort.createSession(bytes[which].slice(0), { graphOptimizationLevel: level });
      sessions.push(s);
      return s;
    } catch (e) {
      if (which === 'optimized' && e instanceof Error && e.name === 'ModelError')
        throw new CannotRunError(e.message);
      throw e;
    }
  };
  try {
    const latency = { input: { disabled: 0, all: 0 }, optimized: { disabled: 0, all: 0 } };
    let outputs: OutputError[] = [];
    let threads = 1;
    const timings = 4;
    let timed = 0;
    for (const level of ['disabled', 'all'] as const) {
      onStage('load');
      const a = await open('input', level);
      const b = await open('optimized', level);
      threads = a.threads;
      if (level === 'disabled') {
        onStage('run');
        const ya = (await ort.run(a, feeds)).outputs;
        const yb = (await ort.run(b, feeds)).outputs;
        outputs = Object.keys(ya).map((name) => {
          const out = yb[name];
          if (!out) throw new Error(`the optimized graph has no output "${name}"`);
          const e = numericError(out.data as Float32Array, ya[name].data as Float32Array);
          return { name, maxAbs: e.maxAbsErr, maxRel: e.maxRelErr, ok: e.maxRelErr <= VERIFY_TOLERANCE };
        });
      }
      for (const [which, session] of [['input', a] as const, ['optimized', b] as const]) {
        const result = await ort.time(
          session,
          { batch: 1, runs, warmup: WARMUP, input: { kind: 'tensors', feeds } },
          (done, total) => onStage('time', timed * total + done, timings * total),
        );
        timed++;
        latency[which][level] = result.median;
      }
    }
    return { outputs, latency, runs, threads };
  } finally {
    await Promise.all(sessions.map((s) => ort.release(s).catch(() => undefined)));
  }
}
