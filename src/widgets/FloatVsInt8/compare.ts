// Runs a float model and its int8 twin side by side in the onnxruntime-web Worker: predictions on an
// evaluation batch (accuracy and confusion matrix when labels exist), then latency at each batch size,
// measured float, int8, float, int8 … so both models meet the same machine conditions.
import {
  disagreements,
  numel,
  predictions,
  scoreClassifier,
  type ClassificationScore,
  type Tensor,
} from '../../engine';
import type { OrtClient, OrtSession } from '../../workers/ortClient';
import type { TimingResult } from '../../workers/ortProtocol';

export interface EvalSet {
  /** The whole evaluation batch, keyed by the model's input name. */
  feeds: Record<string, Tensor>;
  /** The true classes; null when the inputs are synthetic (then only agreement can be measured). */
  labels: ArrayLike<number> | null;
}

export interface TimingPlan {
  batches: number[];
  runs: number;
  warmup: number;
}

export type Variant = 'float' | 'int8';

export interface VariantResult {
  predictions: Int32Array;
  score: ClassificationScore | null;
  /** One timing per batch size of the plan, in order. */
  latency: TimingResult[];
}

export interface Comparison {
  float: VariantResult;
  int8: VariantResult;
  /** Evaluation images on which the two predict different classes. */
  disagree: number[];
  classes: number;
  threads: number;
  crossOriginIsolated: boolean;
}

export type CompareProgress =
  | { stage: 'load'; variant: Variant }
  | { stage: 'evaluate'; variant: Variant; images: number }
  | { stage: 'latency'; variant: Variant; batch: number; done: number; total: number };

/** A timed sample lasts at least this long (small models run several times per sample): timer resolution. */
export const MIN_SAMPLE_MS = 5;

/** The first `n` rows of a batch, repeating from the start when it has fewer. */
export function batchOf(t: Tensor, n: number): Tensor {
  const rows = t.dims[0];
  const per = numel(t.dims.slice(1));
  const data = new Float32Array(n * per);
  const source = t.data as Float32Array;
  for (let i = 0; i < n; i++) data.set(source.subarray((i % rows) * per, ((i % rows) + 1) * per), i * per);
  return { dtype: 'float32', dims: [n, ...t.dims.slice(1)], data };
}

const batchFeeds = (feeds: Record<string, Tensor>, n: number) =>
  Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, batchOf(t, n)]));

export async function compareModels(
  client: OrtClient,
  models: Record<Variant, ArrayBuffer>,
  set: EvalSet,
  plan: TimingPlan,
  onProgress: (p: CompareProgress) => void,
): Promise<Comparison> {
  const variants: Variant[] = ['float', 'int8'];
  const sessions = {} as Record<Variant, OrtSession>;
  try {
    for (const v of variants) {
      onProgress({ stage: 'load', variant: v });
      // A copy: the bytes are transferred to the worker, and the caller keeps its own.
      sessions[v] = await client.createSession(models[v].slice(0), { graphOptimizationLevel: 'all' });
    }
    const evaluated = {} as Record<Variant, { predictions: Int32Array; score: ClassificationScore | null }>;
    let classes = 0;
    for (const v of variants) {
      onProgress({ stage: 'evaluate', variant: v, images: Object.values(set.feeds)[0].dims[0] });
      const { outputs } = await client.run(sessions[v], set.feeds);
      const logits = outputs[sessions[v].outputs[0].name];
      classes = logits.dims[1];
      const predicted = predictions(logits);
      evaluated[v] = {
        predictions: predicted,
        score: set.labels ? scoreClassifier(predicted, set.labels, classes) : null,
      };
    }
    const latency: Record<Variant, TimingResult[]> = { float: [], int8: [] };
    for (const batch of plan.batches) {
      const feeds = batchFeeds(set.feeds, batch);
      for (const v of variants)
        latency[v].push(
          await client.time(
            sessions[v],
            {
              batch,
              runs: plan.runs,
              warmup: plan.warmup,
              minSampleMs: MIN_SAMPLE_MS,
              input: { kind: 'tensors', feeds },
            },
            (done, total) => onProgress({ stage: 'latency', variant: v, batch, done, total }),
          ),
        );
    }
    return {
      float: { ...evaluated.float, latency: latency.float },
      int8: { ...evaluated.int8, latency: latency.int8 },
      disagree: disagreements(evaluated.float.predictions, evaluated.int8.predictions),
      classes,
      threads: sessions.float.threads,
      crossOriginIsolated: sessions.float.crossOriginIsolated,
    };
  } finally {
    for (const v of variants) if (sessions[v]) await client.release(sessions[v]).catch(() => undefined);
  }
}
