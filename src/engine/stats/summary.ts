// Summaries of repeated latency measurements. Services are judged by percentiles, not by the mean, because
// the slow tail is what users notice; p90 here uses the nearest-rank definition (the smallest sample that
// at least 90 % of samples do not exceed), so it is always a value that was actually measured.
import { ModelError } from '../errors';

export interface LatencySummary {
  /** Number of timed samples. */
  runs: number;
  min: number;
  /** The middle sample (mean of the two middle samples for an even count). */
  median: number;
  p90: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending-sorted, non-empty array; q in [0, 1]. */
export function percentileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new ModelError('input', 'percentile of an empty sample');
  if (!(q >= 0 && q <= 1)) throw new ModelError('input', `percentile rank must be in [0, 1], got ${q}`);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

/** Summarizes durations (any unit); rejects empty input and values that are not finite non-negative numbers. */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) throw new ModelError('input', 'no latency samples to summarize');
  const bad = samples.findIndex((s) => !Number.isFinite(s) || s < 0);
  if (bad >= 0)
    throw new ModelError(
      'input',
      `latency sample ${bad} is not a finite non-negative number: ${samples[bad]}`,
    );
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  return { runs: n, min: sorted[0], median, p90: percentileSorted(sorted, 0.9), max: sorted[n - 1], mean };
}
