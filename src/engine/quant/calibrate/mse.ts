// MSE calibration: the range whose quantization error, estimated over the histogram, is least.
// Candidates shrink the MinMax range toward 0 by a factor α = k/K, k = 1 … K ([-α·M, α·M] for symmetric
// schemes, [α·min, α·max] otherwise), each quantized with the scheme's real scale and zero point.
// Within a bin, values are taken as uniform on the bin (clamped to the observed [min, max]), so a bin's
// error is an exact integral over the pieces the grid cuts it into:
//   ∫ (x − Q(x))² dx over a piece [lo, hi] quantized to v  =  ((hi − v)³ − (lo − v)³) / 3
// and the error splits into rounding (inside the grid) and clipping (beyond its last half step).
// Ties go to the wider range, which clips less.
import { ModelError } from '../../errors';
import { requireObserved, type TensorStats } from '../histogram';
import { computeParams, roundHalfEven, type QuantParams, type QuantScheme } from '../scheme';

export interface MseCurve {
  /** Candidate ranges. */
  min: Float64Array;
  max: Float64Array;
  /** Estimated mean squared error of each candidate, and its rounding and clipping parts. */
  mse: Float64Array;
  rounding: Float64Array;
  clipping: Float64Array;
  best: number;
}

export interface MseChoice {
  method: 'mse';
  min: number;
  max: number;
  curve: MseCurve;
}

export const DEFAULT_MSE_CANDIDATES = 256;

/** ∫ (x − v)² dx over [lo, hi], written as (B − A)(A² + AB + B²) / 3 to avoid cancelling two cubes. */
function piece(lo: number, hi: number, v: number): number {
  const a = lo - v,
    b = hi - v;
  return ((hi - lo) * (a * a + a * b + b * b)) / 3;
}

/** The observed values as uniform pieces: bin k's interval clamped to [min, max], with its count. */
interface Pieces {
  lo: Float64Array;
  hi: Float64Array;
  count: Float64Array;
  total: number;
}

function pieces(stats: TensorStats): Pieces {
  const { width, positive, negative, min, max } = stats;
  const lo: number[] = [],
    hi: number[] = [],
    count: number[] = [];
  const add = (a: number, b: number, c: number) => {
    if (c === 0) return;
    lo.push(a);
    hi.push(b);
    count.push(c);
  };
  if (width === 0) add(0, 0, stats.count);
  for (let k = 0; k < positive.length; k++) {
    add(Math.max(k * width, min), Math.min((k + 1) * width, max), positive[k]);
    add(Math.max(-(k + 1) * width, min), Math.min(-k * width, max), negative[k]);
  }
  return {
    lo: Float64Array.from(lo),
    hi: Float64Array.from(hi),
    count: Float64Array.from(count),
    total: stats.count,
  };
}

/** Estimated [rounding, clipping] MSE of the pieces under the grid p. */
function piecesMse(v: Pieces, p: QuantParams): [number, number] {
  const { scale: s, zeroPoint: z, qmin, qmax } = p;
  const low = (qmin - z - 0.5) * s; // below: clipped to qmin
  const high = (qmax - z + 0.5) * s; // above: clipped to qmax
  const level = (x: number) => {
    const q = roundHalfEven(x / s) + z;
    return q < qmin ? qmin : q > qmax ? qmax : q;
  };
  let rounding = 0,
    clipping = 0;
  for (let b = 0; b < v.count.length; b++) {
    const a = v.lo[b],
      c = v.hi[b];
    if (!(c > a)) {
      // a point mass (every value equal)
      const q = roundHalfEven(a / s) + z;
      const e = a - (level(a) - z) * s;
      if (q < qmin || q > qmax) clipping += v.count[b] * e * e;
      else rounding += v.count[b] * e * e;
      continue;
    }
    // ∫ over [a, c] of the squared error, cut where the grid changes level and where clipping starts.
    let inside = 0,
      outside = 0;
    const qa = level(a),
      qc = level(c);
    for (let q = qa; q <= qc; q++) {
      const lo = q === qa ? a : (q - z - 0.5) * s;
      const hi = q === qc ? c : (q - z + 0.5) * s;
      const value = (q - z) * s;
      const inLo = lo > low ? lo : low,
        inHi = hi < high ? hi : high;
      if (inHi > inLo) inside += piece(inLo, inHi, value);
      if (lo < low) outside += piece(lo, hi < low ? hi : low, value);
      if (hi > high) outside += piece(lo > high ? lo : high, hi, value);
    }
    const weight = v.count[b] / (c - a);
    rounding += inside * weight;
    clipping += outside * weight;
  }
  return [rounding / v.total, clipping / v.total];
}

/** Estimated [rounding, clipping] MSE of the observed values under the grid p. */
export function histogramMse(stats: TensorStats, p: QuantParams): [number, number] {
  requireObserved(stats);
  return piecesMse(pieces(stats), p);
}

export function mseRange(
  stats: TensorStats,
  scheme: QuantScheme,
  candidates = DEFAULT_MSE_CANDIDATES,
): MseChoice {
  if (!Number.isInteger(candidates) || candidates < 1 || candidates > 1 << 16)
    throw new ModelError('input', `MSE calibration needs 1 to 65536 candidates, got ${candidates}`, {
      field: 'candidates',
    });
  requireObserved(stats);
  const absMax = Math.max(-stats.min, stats.max);
  const [lo0, hi0] = scheme.symmetric ? [-absMax, absMax] : [stats.min, stats.max];
  const curve: MseCurve = {
    min: new Float64Array(candidates),
    max: new Float64Array(candidates),
    mse: new Float64Array(candidates),
    rounding: new Float64Array(candidates),
    clipping: new Float64Array(candidates),
    best: 0,
  };
  const observed = pieces(stats);
  for (let k = 0; k < candidates; k++) {
    const alpha = (k + 1) / candidates;
    const lo = k === candidates - 1 ? lo0 : alpha * lo0;
    const hi = k === candidates - 1 ? hi0 : alpha * hi0;
    const [rounding, clipping] = piecesMse(observed, computeParams(lo, hi, scheme));
    curve.min[k] = lo;
    curve.max[k] = hi;
    curve.rounding[k] = rounding;
    curve.clipping[k] = clipping;
    curve.mse[k] = rounding + clipping;
    if (curve.mse[k] <= curve.mse[curve.best]) curve.best = k;
  }
  return { method: 'mse', min: curve.min[curve.best], max: curve.max[curve.best], curve };
}
