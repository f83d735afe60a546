// One measurement series: the model timed at each chosen batch size, one after the other, in the
// onnxruntime-web Worker. Rows are reported as soon as each batch size is done so the plot fills in live.
import type { OrtClient, OrtSession } from '../../workers/ortClient';
import type { TimingResult } from '../../workers/ortProtocol';

export const BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256] as const;
export const RUN_CHOICES = [5, 10, 20, 50, 100] as const;
export const WARMUP_RUNS = 3;
/** The UCI digits are 8×8 images with pixel values 0–16; random inputs use the same range. */
export const PIXEL_RANGE = { min: 0, max: 16 } as const;

export interface LatencyRow {
  batch: number;
  runs: number;
  /** Milliseconds per call of session.run for the whole batch. */
  median: number;
  p90: number;
  min: number;
  /** Samples per second at the median latency: batch ÷ median. */
  throughput: number;
}

export function toRow(t: TimingResult): LatencyRow {
  return {
    batch: t.batch,
    runs: t.runs,
    median: t.median,
    p90: t.p90,
    min: t.min,
    throughput: t.batch / (t.median / 1000),
  };
}

export interface SeriesProgress {
  batch: number;
  /** Runs (warm-up included) finished at this batch, out of `total`. */
  done: number;
  total: number;
  /** Fraction of the whole series finished, 0–1. */
  overall: number;
}

export interface SeriesOptions {
  batches: readonly number[];
  runs: number;
  seed: number;
  onRow(row: LatencyRow): void;
  onProgress(progress: SeriesProgress): void;
}

/** Times the session at every batch size in order; rejects (e.g. OrtCancelledError) as soon as a timing does. */
export async function measureSeries(
  client: OrtClient,
  session: OrtSession,
  options: SeriesOptions,
): Promise<LatencyRow[]> {
  const { batches, runs, seed, onRow, onProgress } = options;
  const rows: LatencyRow[] = [];
  const perBatch = runs + WARMUP_RUNS;
  for (const [index, batch] of batches.entries()) {
    const timing = await client.time(
      session,
      { batch, runs, warmup: WARMUP_RUNS, input: { kind: 'uniform', seed: seed + batch, ...PIXEL_RANGE } },
      (done, total) =>
        onProgress({ batch, done, total, overall: (index * perBatch + done) / (batches.length * perBatch) }),
    );
    const row = toRow(timing);
    rows.push(row);
    onRow(row);
  }
  return rows;
}
