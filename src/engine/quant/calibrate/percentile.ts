// Percentile calibration: clip the few most extreme values. Symmetric: the p-th percentile of |x|
// gives [-t, t]. Asymmetric: the (100 − p)-th and p-th percentiles of x, so each tail may lose up to
// (100 − p) % of the values. Thresholds are histogram edges (the upper edge of the bin where the
// cumulative count reaches p %, so at least p % of the values are kept) clamped to the observed
// range — which makes the 100th percentile exactly MinMax — so the clipped counts are exact (up to
// values lying exactly on an edge).
import { ModelError } from '../../errors';
import { absHistogram, requireObserved, type TensorStats } from '../histogram';

export interface PercentileChoice {
  method: 'percentile';
  min: number;
  max: number;
  percentile: number;
  /** Values below min and above max: what this range clips. */
  clippedLow: number;
  clippedHigh: number;
  count: number;
}

export const DEFAULT_PERCENTILE = 99.99;

export function percentileRange(
  stats: TensorStats,
  symmetric: boolean,
  percentile = DEFAULT_PERCENTILE,
): PercentileChoice {
  if (!(percentile >= 50 && percentile <= 100))
    throw new ModelError('input', `percentile must be from 50 to 100, got ${percentile}`, {
      field: 'percentile',
    });
  requireObserved(stats);
  const { count, width, positive, negative } = stats;
  const keep = (percentile / 100) * count;
  const n = positive.length;
  const base = { method: 'percentile' as const, percentile, count };
  if (width === 0) return { ...base, min: 0, max: 0, clippedLow: 0, clippedHigh: 0 };

  if (symmetric) {
    const { counts } = absHistogram(stats);
    let k = 0;
    for (let cum = counts[0]; cum < keep && k < n - 1; cum += counts[++k]);
    const t = Math.min((k + 1) * width, Math.max(-stats.min, stats.max));
    let clippedLow = 0,
      clippedHigh = 0;
    for (let j = k + 1; j < n; j++) {
      clippedLow += negative[j];
      clippedHigh += positive[j];
    }
    return { ...base, min: -t, max: t, clippedLow, clippedHigh };
  }

  // Signed bins in order: j < n is negative[n − 1 − j], j ≥ n is positive[j − n]; bin j spans [(j − n)·w, (j − n + 1)·w].
  const signed = (j: number) => (j < n ? negative[n - 1 - j] : positive[j - n]);
  let hi = 0;
  let below = 0; // values in bins before hi
  for (let cum = signed(0); cum < keep && hi < 2 * n - 1; cum += signed(++hi)) below = cum;
  let lo = 2 * n - 1;
  let above = 0;
  for (let cum = signed(lo); cum < keep && lo > 0; cum += signed(--lo)) above = cum;
  const clippedHigh = count - below - signed(hi);
  const clippedLow = count - above - signed(lo);
  return {
    ...base,
    min: Math.max((lo - n) * width, stats.min),
    max: Math.min((hi - n + 1) * width, stats.max),
    clippedLow,
    clippedHigh,
  };
}
