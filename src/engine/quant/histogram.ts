// Streaming statistics of one tensor over calibration batches: exact min/max and a histogram of |x|
// kept separately for x ≥ 0 and x < 0, so that the choosers get both the |x| histogram TensorRT's
// entropy method wants (sum of the halves) and a signed one (the halves side by side).
//
// The range grows as batches arrive, as in TensorRT and onnxruntime's HistogramCollector: bins keep
// their width and new ones are appended up to the new max|x|. To bound memory and the choosers' work,
// there are never more than 2·`bins`: past that, the width doubles and adjacent bins merge, which is
// exact because old edges are also new edges.
// Plain data (numbers and typed arrays): it crosses Worker boundaries by structured clone.
import { ModelError } from '../errors';

export interface TensorStats {
  /** The tensor the statistics belong to (used in error messages). */
  name: string;
  count: number;
  /** Exact extremes; +Infinity / -Infinity until a value arrives. */
  min: number;
  max: number;
  /** Bin width; 0 while every value seen is 0 (then there are no bins yet). */
  width: number;
  /** positive[k] counts x ≥ 0 with |x| in [k·width, (k+1)·width). */
  positive: Float64Array;
  /** negative[k] counts x < 0 with |x| in the same interval. */
  negative: Float64Array;
  /** The resolution to keep: the first batch gets exactly this many bins, and there are never more than twice as many. */
  bins: number;
}

export const DEFAULT_BINS = 2048;
const MAX_BINS = 1 << 16;

export function createStats(name: string, bins = DEFAULT_BINS): TensorStats {
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS)
    throw new ModelError('input', `histogram bins must be an integer from 1 to ${MAX_BINS}, got ${bins}`, {
      field: name,
    });
  return {
    name,
    count: 0,
    min: Infinity,
    max: -Infinity,
    width: 0,
    positive: new Float64Array(0),
    negative: new Float64Array(0),
    bins,
  };
}

/**
 * Makes room for |x| up to absMax: appends bins, then halves their number while there are too many.
 * Bin k holds |x| in [k·width, (k+1)·width) with no clamping anywhere, so that a value's bin stays right
 * when later batches widen the range; the first width, absMax / (bins − ½), puts max|x| mid-bin.
 */
function grow(stats: TensorStats, absMax: number): void {
  const first = stats.width === 0;
  if (first) stats.width = Math.max(absMax / (stats.bins - 0.5), Number.MIN_VALUE);
  else if (Math.floor(absMax / stats.width) < stats.positive.length) return;
  // Doubling the width merges bin pairs exactly (old edges are new edges); absMax / width may start out
  // as Infinity for a range spanning the whole float64 exponent range, so it is recomputed each time.
  let pos = stats.positive,
    neg = stats.negative;
  while (Math.floor(absMax / stats.width) + 1 > 2 * stats.bins) {
    pos = mergePairs(pos);
    neg = mergePairs(neg);
    stats.width *= 2;
  }
  const needed = Math.max(pos.length, Math.floor(absMax / stats.width) + 1);
  stats.positive = extend(pos, needed);
  stats.negative = extend(neg, needed);
  if (first) stats.positive[0] = stats.count; // every value seen before was 0
}

function mergePairs(bins: Float64Array): Float64Array {
  const merged = new Float64Array(Math.ceil(bins.length / 2));
  for (let k = 0; k < bins.length; k++) merged[k >> 1] += bins[k];
  return merged;
}

function extend(bins: Float64Array, length: number): Float64Array {
  if (bins.length === length) return bins;
  const out = new Float64Array(length);
  out.set(bins);
  return out;
}

/** Adds a batch of values (any numeric array) to the statistics. Non-finite values are rejected. */
export function observe(stats: TensorStats, data: ArrayLike<number>): void {
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v))
      throw new ModelError('input', `tensor ${stats.name} has the non-finite value ${v} at index ${i}`, {
        field: stats.name,
      });
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (data.length === 0) return;
  const absMax = Math.max(-lo, hi);
  if (absMax > 0) grow(stats, absMax);
  const { width, positive, negative } = stats;
  if (width > 0) {
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      const k = Math.floor(Math.abs(v) / width); // < bins: grow() made room for max|x|
      if (v < 0) negative[k]++;
      else positive[k]++;
    }
  }
  stats.count += data.length;
  stats.min = Math.min(stats.min, lo);
  stats.max = Math.max(stats.max, hi);
}

/** Statistics of one tensor in one call (what the explorer shows for a single weight or activation). */
export function statsOf(name: string, data: ArrayLike<number>, bins = DEFAULT_BINS): TensorStats {
  const stats = createStats(name, bins);
  observe(stats, data);
  return stats;
}

export function requireObserved(stats: TensorStats): void {
  if (stats.count === 0)
    throw new ModelError('input', `no values were observed for tensor ${stats.name}`, { field: stats.name });
}

/** The histogram of |x|: counts[k] for |x| in [k·width, (k+1)·width). */
export function absHistogram(stats: TensorStats): { width: number; counts: Float64Array } {
  const counts = new Float64Array(stats.positive.length);
  for (let k = 0; k < counts.length; k++) counts[k] = stats.positive[k] + stats.negative[k];
  return { width: stats.width, counts };
}

/**
 * The signed histogram from -n·width to n·width, for drawing. With `maxBins`, adjacent bins are merged
 * by the smallest integer factor that fits (on each side, so that 0 stays an edge).
 */
export function signedHistogram(
  stats: TensorStats,
  maxBins = Infinity,
): { edges: Float64Array; counts: Float64Array } {
  const n = stats.positive.length;
  const factor = Math.max(1, Math.ceil((2 * n) / maxBins));
  const half = Math.ceil(n / factor);
  const counts = new Float64Array(2 * half);
  for (let k = 0; k < n; k++) {
    const j = Math.floor(k / factor);
    counts[half + j] += stats.positive[k];
    counts[half - 1 - j] += stats.negative[k];
  }
  const edges = new Float64Array(2 * half + 1);
  for (let j = 0; j <= 2 * half; j++) edges[j] = (j - half) * factor * stats.width;
  return { edges, counts };
}
