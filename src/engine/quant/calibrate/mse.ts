// MSE calibration: the range whose quantization error, estimated over the histogram, is least.
// Candidates shrink the MinMax range toward 0 by a factor α = k/K, k = 1 … K ([-α·M, α·M] for symmetric
// schemes, [α·min, α·max] otherwise), each quantized with the scheme's real scale and zero point.
// Ties go to the wider range, which clips less.
//
// The estimate takes the values of a bin as uniform on it (clamped to the observed [min, max]). The grid
// maps each cell between two decision points to one level v, so a cell's squared error is
//   Σ (x − v)² = M2 − 2·v·M1 + v²·M0      (M_k = Σ x^k over the values in the cell)
// and cumulative moments F_k(t) = Σ_{x ≤ t} x^k, piecewise polynomial under the uniform assumption, give
// each M_k in O(1): a candidate costs O(levels), not O(bins). The cells beyond the grid's last half step
// on either side are the clipping error, the rest the rounding error.
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
/** More cells than this between min and max (a grid far finer than the data) is refused, not looped over. */
const MAX_CELLS = 1 << 20;

/** Cumulative moments of the histogram, bins in signed order: bin j spans [(j − n)·w, (j − n + 1)·w). */
class Moments {
  private readonly n: number;
  private readonly width: number;
  /** Each bin's interval clamped to [min, max], its count, and the moments Σ x^k of the bins before it. */
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly count: Float64Array;
  private readonly m0: Float64Array;
  private readonly m1: Float64Array;
  private readonly m2: Float64Array;
  readonly total: number;
  readonly min: number;
  readonly max: number;
  /** Results of partial() and upTo(): fields rather than a returned tuple, which would allocate per call. */
  s0 = 0;
  s1 = 0;
  s2 = 0;

  constructor(stats: TensorStats) {
    const { width, positive, negative, min, max } = stats;
    const n = positive.length;
    this.n = n;
    this.width = width;
    this.total = stats.count;
    this.min = min;
    this.max = max;
    this.lo = new Float64Array(2 * n);
    this.hi = new Float64Array(2 * n);
    this.count = new Float64Array(2 * n);
    this.m0 = new Float64Array(2 * n + 1);
    this.m1 = new Float64Array(2 * n + 1);
    this.m2 = new Float64Array(2 * n + 1);
    for (let j = 0; j < 2 * n; j++) {
      const c = j < n ? negative[n - 1 - j] : positive[j - n];
      const a = Math.max((j - n) * width, min);
      const b = Math.min((j - n + 1) * width, max);
      this.lo[j] = a;
      this.hi[j] = b;
      this.count[j] = c;
      this.partial(j, b);
      this.m0[j + 1] = this.m0[j] + this.s0;
      this.m1[j + 1] = this.m1[j] + this.s1;
      this.m2[j + 1] = this.m2[j] + this.s2;
    }
  }

  /** Moments of the values of bin j that are ≤ t (uniform on [lo, hi]; a point mass when lo = hi), into s0–s2. */
  private partial(j: number, t: number): void {
    const a = this.lo[j],
      b = this.hi[j],
      c = this.count[j];
    if (c === 0 || t < a) {
      this.s0 = this.s1 = this.s2 = 0;
    } else if (b === a) {
      this.s0 = c;
      this.s1 = c * a;
      this.s2 = c * a * a;
    } else {
      const u = t < b ? t : b;
      const density = c / (b - a);
      this.s0 = density * (u - a);
      this.s1 = (density * (u * u - a * a)) / 2;
      this.s2 = (density * (u * u * u - a * a * a)) / 3;
    }
  }

  /** Σ 1, Σ x, Σ x² over the values ≤ t, into s0–s2 (with no bins, every value is 0 = min = max). */
  upTo(t: number): void {
    if (t < this.min) {
      this.s0 = this.s1 = this.s2 = 0;
    } else if (t >= this.max) {
      this.s0 = this.total;
      this.s1 = this.m1[2 * this.n];
      this.s2 = this.m2[2 * this.n];
    } else {
      const j = Math.min(2 * this.n - 1, Math.max(0, Math.floor(t / this.width) + this.n));
      this.partial(j, t);
      this.s0 += this.m0[j];
      this.s1 += this.m1[j];
      this.s2 += this.m2[j];
    }
  }
}

/** Estimated [rounding, clipping] MSE under the grid p. */
function momentsMse(m: Moments, p: QuantParams): [number, number] {
  const { scale: s, zeroPoint: z, qmin, qmax } = p;
  const clamp = (q: number) => (q < qmin ? qmin : q > qmax ? qmax : q);
  const qlo = clamp(roundHalfEven(m.min / s) + z);
  const qhi = clamp(roundHalfEven(m.max / s) + z);
  if (qhi - qlo > MAX_CELLS)
    throw new ModelError(
      'limit',
      `a grid with ${qhi - qlo + 1} levels across the data is too fine to evaluate`,
      {
        field: 'scale',
      },
    );
  const low = (qmin - z - 0.5) * s; // values below are clipped to qmin
  const high = (qmax - z + 0.5) * s; // values above are clipped to qmax
  let rounding = 0,
    clipping = 0;
  // Σ (x − v)² over the values in (from, to], with b0–b2 the moments up to `from`.
  let b0 = 0,
    b1 = 0,
    b2 = 0;
  const cell = (to: number, v: number) => {
    m.upTo(to);
    const c0 = m.s0 - b0,
      c1 = m.s1 - b1,
      c2 = m.s2 - b2;
    b0 = m.s0;
    b1 = m.s1;
    b2 = m.s2;
    return Math.max(0, c2 - 2 * v * c1 + v * v * c0); // ≥ 0 up to rounding
  };
  for (let q = qlo; q <= qhi; q++) {
    const v = (q - z) * s;
    if (q === qmin) clipping += cell(low, v);
    if (q === qmax) {
      rounding += cell(high, v);
      clipping += cell(Infinity, v);
    } else rounding += cell(q === qhi ? Infinity : (q - z + 0.5) * s, v);
  }
  return [rounding / m.total, clipping / m.total];
}

/** Estimated [rounding, clipping] MSE of the observed values under the grid p. */
export function histogramMse(stats: TensorStats, p: QuantParams): [number, number] {
  requireObserved(stats);
  return momentsMse(new Moments(stats), p);
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
  const moments = new Moments(stats);
  for (let k = 0; k < candidates; k++) {
    const alpha = (k + 1) / candidates;
    const lo = k === candidates - 1 ? lo0 : alpha * lo0;
    const hi = k === candidates - 1 ? hi0 : alpha * hi0;
    const [rounding, clipping] = momentsMse(moments, computeParams(lo, hi, scheme));
    curve.min[k] = lo;
    curve.max[k] = hi;
    curve.rounding[k] = rounding;
    curve.clipping[k] = clipping;
    curve.mse[k] = rounding + clipping;
    if (curve.mse[k] <= curve.mse[curve.best]) curve.best = k;
  }
  return { method: 'mse', min: curve.min[curve.best], max: curve.max[curve.best], curve };
}
