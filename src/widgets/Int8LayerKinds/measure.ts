// Times each layer kind float vs int8 in onnxruntime-web: the quantization worker builds the chain (engine's
// LAYER_KINDS) and quantizes it; the onnxruntime worker times both models in alternating rounds — float then
// int8, then int8 then float … — so that load on the machine falls on both alike.
import {
  LAYER_KINDS,
  chainMacs,
  summarizeLatencies,
  type LatencySummary,
  type LayerKind,
  type LayerKindId,
} from '../../engine';
import type { OrtClient, OrtSession } from '../../workers/ortClient';
import type { QuantClient } from '../../workers/quantClient';

export interface MeasurePlan {
  batch: number;
  /** Alternating rounds per kind; each round times RUNS_PER_ROUND runs of each model. */
  rounds: number;
  kinds?: readonly LayerKind[];
}

export interface KindTiming {
  kind: LayerKind;
  /** Multiply-accumulates of one run at the plan's batch. */
  macs: number;
  float: LatencySummary;
  int8: LatencySummary;
  /** int8 median ÷ float median, over all runs: below 1, int8 is faster. */
  ratio: number;
  /** The same ratio round by round: how much it moved while measuring. */
  roundRatios: number[];
}

export interface LayerKindsResult {
  batch: number;
  rounds: number;
  kinds: KindTiming[];
  threads: number;
  crossOriginIsolated: boolean;
}

export type MeasureStage = 'quantize' | 'load' | 'time';

export interface MeasureProgress {
  kind: LayerKindId;
  /** Position of the kind in the plan, and how many kinds there are. */
  index: number;
  count: number;
  stage: MeasureStage;
  /** Rounds timed so far (stage 'time'). */
  done: number;
  total: number;
}

export const RUNS_PER_ROUND = 5;
/** Untimed runs of each model before its first round: first runs allocate and pack weights. */
export const WARMUP_RUNS = 2;
/**
 * A timed sample lasts at least this long (a fast chain runs several times per sample): long enough for the
 * browser's coarse clock, and for a short stall of a busy machine to be averaged out.
 */
export const MIN_SAMPLE_MS = 20;

type Variant = 'float' | 'int8';

export async function measureLayerKinds(
  clients: { quant: QuantClient; ort: OrtClient },
  { batch, rounds, kinds = LAYER_KINDS }: MeasurePlan,
  onProgress: (p: MeasureProgress) => void,
): Promise<LayerKindsResult> {
  const timings: KindTiming[] = [];
  let runtime = { threads: 1, crossOriginIsolated: false };
  for (const [index, kind] of kinds.entries()) {
    const progress = (stage: MeasureStage, done = 0, total = 0) =>
      onProgress({ kind: kind.id, index, count: kinds.length, stage, done, total });
    progress('quantize');
    const models = await clients.quant.chain(kind.id);
    progress('load');
    const sessions = {} as Record<Variant, OrtSession>;
    try {
      for (const v of ['float', 'int8'] as const)
        sessions[v] = await clients.ort.createSession(models[v], { graphOptimizationLevel: 'all' });
      runtime = { threads: sessions.float.threads, crossOriginIsolated: sessions.float.crossOriginIsolated };
      const samples: Record<Variant, number[]> = { float: [], int8: [] };
      const roundRatios: number[] = [];
      progress('time', 0, rounds);
      for (let round = 0; round < rounds; round++) {
        const medians = {} as Record<Variant, number>;
        const order: Variant[] = round % 2 === 0 ? ['float', 'int8'] : ['int8', 'float'];
        for (const v of order) {
          const timing = await clients.ort.time(sessions[v], {
            batch,
            runs: RUNS_PER_ROUND,
            warmup: round === 0 ? WARMUP_RUNS : 0,
            minSampleMs: MIN_SAMPLE_MS,
            input: { kind: 'uniform', seed: round + 1, min: 0, max: 1 },
          });
          samples[v].push(...timing.samples);
          medians[v] = timing.median;
        }
        roundRatios.push(medians.int8 / medians.float);
        progress('time', round + 1, rounds);
      }
      const float = summarizeLatencies(samples.float);
      const int8 = summarizeLatencies(samples.int8);
      timings.push({
        kind,
        macs: chainMacs(kind) * batch,
        float,
        int8,
        ratio: int8.median / float.median,
        roundRatios,
      });
    } finally {
      for (const v of ['float', 'int8'] as const)
        if (sessions[v]) await clients.ort.release(sessions[v]).catch(() => undefined);
    }
  }
  return { batch, rounds, kinds: timings, ...runtime };
}
