// Entropy (KL-divergence) calibration, the TensorRT method (S. Migacz, "8-bit Inference with TensorRT",
// GTC 2017): pick the |x| threshold whose quantized distribution loses the least information.
// For each candidate i (a threshold at the edge of bin i of the |x| histogram, from `startBin` up):
//   P = the first i bins, with every count beyond them added to the last one (clipping piles them there);
//   Q = the same i bins merged into `levels` groups (the quantization grid), each group's total spread
//       evenly over its non-empty bins (empty bins stay empty);
//   divergence(i) = KL(P‖Q) = Σ P ln(P / Q), both normalized.
// The threshold is the candidate with the least divergence (the largest such on ties). A candidate whose
// last bin is empty while values lie beyond it has P > 0 where Q = 0: its divergence is Infinity.
// The first bin's count is replaced by the second's before the search, as NVIDIA's reference implementation
// does (pytorch-quantization, calib/histogram.py, _compute_amax_entropy): the spike of exact zeros that ReLU
// and zero padding leave is no information about the tail — 0 is a level of every grid — yet it dominates
// P, and Q reproduces it only when its group is narrow, which drags the threshold down (to a quarter of the
// tail's own threshold in the test with half the values zero).
import { ModelError } from '../../errors';
import { absHistogram, requireObserved, type TensorStats } from '../histogram';

export interface EntropyCurve {
  /** Candidate thresholds i·width, i = startBin … bins. */
  thresholds: Float64Array;
  /** KL(P‖Q) at each candidate (Infinity where P has mass Q lacks). */
  divergence: Float64Array;
  /** Index of the chosen candidate. */
  best: number;
}

export interface EntropyChoice {
  method: 'entropy';
  min: number;
  max: number;
  threshold: number;
  levels: number;
  curve: EntropyCurve;
}

export interface EntropyOptions {
  /** Quantization levels over [0, threshold]: 128 for int8 (TensorRT), 256 when unsigned covers [0, t]. */
  levels?: number;
  /** First candidate, in bins (TensorRT: 128). Raised to `levels` when smaller. */
  startBin?: number;
  /** Keep the first bin's own count instead of flattening it to the second's (default false). */
  keepZeroBin?: boolean;
}

/**
 * The entropy search over an |x| histogram (counts per bin of the given width). Each candidate costs
 * O(levels), not O(i): with N the total count, P = c/N is the same for every candidate except in its
 * last bin, and Q is constant on each group g (S_g / (nonEmpty_g · kept)), so
 *   KL(i) = Σ_{j<i−1} p_j ln p_j − Σ_g (S_g/N) ln q_g + (c_{i−1}/N) ln q_last + p_last ln(p_last / q_last)
 * with prefix sums for Σ p ln p, S_g and nonEmpty_g. (The test checks it against the direct O(i) sum.)
 */
export function entropyCurve(
  counts: Float64Array,
  width: number,
  levels: number,
  startBin: number,
): EntropyCurve {
  if (!Number.isInteger(levels) || levels < 2 || !Number.isInteger(startBin) || startBin < 1)
    throw new ModelError(
      'input',
      `entropy calibration needs integer levels ≥ 2 and start bin ≥ 1, got ${levels} and ${startBin}`,
      { field: 'levels' },
    );
  const n = counts.length;
  const first = Math.min(Math.max(startBin, levels), n);
  let total = 0;
  for (let j = 0; j < n; j++) total += counts[j];
  // Prefix sums over bins [0, j): counts, non-empty bins, and p ln p.
  const sum = new Float64Array(n + 1);
  const nonEmpty = new Float64Array(n + 1);
  const plogp = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) {
    const c = counts[j];
    sum[j + 1] = sum[j] + c;
    nonEmpty[j + 1] = nonEmpty[j] + (c > 0 ? 1 : 0);
    plogp[j + 1] = plogp[j] + (c > 0 ? (c / total) * Math.log(c / total) : 0);
  }
  const thresholds = new Float64Array(n - first + 1);
  const divergence = new Float64Array(n - first + 1);
  let best = 0;
  for (let i = first; i <= n; i++) {
    const c = i - first;
    thresholds[c] = i * width;
    divergence[c] = total > 0 ? divergenceAt(i) : 0;
    if (divergence[c] <= divergence[best]) best = c;
  }
  return { thresholds, divergence, best };

  function divergenceAt(i: number): number {
    const last = counts[i - 1];
    const pLast = (last + total - sum[i]) / total; // the last kept bin plus everything clipped beyond it
    if (last === 0 && pLast > 0) return Infinity;
    const kept = sum[i];
    let kl = plogp[i - 1];
    let qLast = 0;
    // Group g holds bins j with floor(j·levels / i) = g, i.e. j in [ceil(g·i / levels), ceil((g+1)·i / levels)).
    for (let g = 0, lo = 0; g < levels; g++) {
      const hi = Math.ceil(((g + 1) * i) / levels);
      const s = sum[hi] - sum[lo];
      if (s > 0) {
        const q = s / (nonEmpty[hi] - nonEmpty[lo]) / kept;
        kl -= (s / total) * Math.log(q);
        if (hi === i) qLast = q;
      }
      lo = hi;
    }
    if (last > 0) kl += (last / total) * Math.log(qLast) + pLast * Math.log(pLast / qLast);
    return kl;
  }
}

/** The KL-optimal range: [-t, t] for symmetric schemes, otherwise [-t, t] intersected with the observed range. */
export function entropyRange(
  stats: TensorStats,
  symmetric: boolean,
  options: EntropyOptions = {},
): EntropyChoice {
  requireObserved(stats);
  const levels = options.levels ?? 128;
  const absMax = Math.max(-stats.min, stats.max);
  const { counts, width } = absHistogram(stats);
  if (!options.keepZeroBin && counts.length > 1) counts[0] = counts[1];
  const curve = entropyCurve(counts, width, levels, options.startBin ?? 128);
  // The last candidate's edge may lie past max|x|; the threshold never exceeds what was observed.
  const threshold = curve.thresholds.length ? Math.min(curve.thresholds[curve.best], absMax) : 0;
  return {
    method: 'entropy',
    threshold,
    levels,
    min: symmetric ? -threshold : Math.max(stats.min, -threshold),
    max: symmetric ? threshold : Math.min(stats.max, threshold),
    curve,
  };
}
