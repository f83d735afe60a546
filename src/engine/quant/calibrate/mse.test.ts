import { describe, expect, it } from 'vitest';
import { ModelError } from '../../errors';
import { tensor } from '../../ir/tensor';
import { quantError } from '../error';
import { createStats, statsOf } from '../histogram';
import { sampleTensor } from '../samples';
import {
  INT8_SYMMETRIC,
  UINT8_ASYMMETRIC,
  computeParams,
  roundHalfEven,
  type QuantParams,
  type QuantScheme,
} from '../scheme';
import { histogramMse, mseRange } from './mse';
import type { TensorStats } from '../histogram';

/**
 * The oracle: bin by bin, ∫ (x − Q(x))² over the pieces the grid cuts the bin into, with values uniform
 * on the bin clamped to [min, max]; ∫ (x − v)² over [lo, hi] = ((hi − v)³ − (lo − v)³) / 3.
 */
function naiveHistogramMse(stats: TensorStats, p: QuantParams): [number, number] {
  const { scale: s, zeroPoint: z, qmin, qmax } = p;
  const level = (x: number) => Math.min(qmax, Math.max(qmin, roundHalfEven(x / s) + z));
  const low = (qmin - z - 0.5) * s,
    high = (qmax - z + 0.5) * s;
  const integral = (lo: number, hi: number, v: number) => ((hi - v) ** 3 - (lo - v) ** 3) / 3;
  let rounding = 0,
    clipping = 0;
  const bin = (a: number, b: number, count: number) => {
    if (count === 0) return;
    if (b === a) {
      const e = (a - (level(a) - z) * s) ** 2 * count;
      if (a < low || a > high) clipping += e;
      else rounding += e;
      return;
    }
    const [qa, qb] = [level(a), level(b)];
    for (let q = qa; q <= qb; q++) {
      const lo = q === qa ? a : (q - z - 0.5) * s;
      const hi = q === qb ? b : (q - z + 0.5) * s;
      const v = (q - z) * s;
      if (lo < low) clipping += (integral(lo, Math.min(hi, low), v) * count) / (b - a);
      if (hi > high) clipping += (integral(Math.max(lo, high), hi, v) * count) / (b - a);
      const inLo = Math.max(lo, low),
        inHi = Math.min(hi, high);
      if (inHi > inLo) rounding += (integral(inLo, inHi, v) * count) / (b - a);
    }
  };
  const { width: w, positive, negative, min, max } = stats;
  if (w === 0) bin(0, 0, stats.count);
  for (let k = 0; k < positive.length; k++) {
    bin(Math.max(k * w, min), Math.min((k + 1) * w, max), positive[k]);
    bin(Math.max(-(k + 1) * w, min), Math.min(-k * w, max), negative[k]);
  }
  return [rounding / stats.count, clipping / stats.count];
}

describe('histogramMse (hand-computed)', () => {
  it('integrates the squared error of values uniform on a bin', () => {
    // one bin: width 1 / 0.5 = 2, clamped to the observed [0, 1]: two values spread uniformly on [0, 1]
    const s = statsOf('t', [0, 1], 1);
    // levels 0 and 1 (step 1): ∫₀^½ x² + ∫½^1 (x − 1)² = 1/12
    const [r1, c1] = histogramMse(s, { scale: 1, zeroPoint: 0, qmin: 0, qmax: 1 });
    expect(r1).toBeCloseTo(1 / 12, 12);
    expect(c1).toBe(0);
    // levels −1 and 0: [0, ½) rounds to 0 (1/24); beyond ½ the grid ends, so (½, 1] clips to 0 (7/24)
    const [r2, c2] = histogramMse(s, { scale: 1, zeroPoint: 0, qmin: -1, qmax: 0 });
    expect(r2).toBeCloseTo(1 / 24, 12);
    expect(c2).toBeCloseTo(7 / 24, 12);
  });

  it('treats identical values as a point mass', () => {
    const s = statsOf('t', [0.3, 0.3]);
    const [r1, c1] = histogramMse(s, { scale: 0.25, zeroPoint: 0, qmin: -2, qmax: 1 });
    expect([r1, c1]).toEqual([expect.closeTo((0.3 - 0.25) ** 2, 15), 0]);
    const [r2, c2] = histogramMse(s, { scale: 0.25, zeroPoint: 0, qmin: -2, qmax: 0 });
    expect([r2, c2]).toEqual([0, expect.closeTo(0.3 ** 2, 15)]);
  });

  it('needs observed values', () => {
    expect(() => histogramMse(createStats('none'), { scale: 1, zeroPoint: 0, qmin: 0, qmax: 1 })).toThrow(
      ModelError,
    );
  });
});

describe('histogramMse (seeded, against the bin-by-bin integral)', () => {
  it('agrees with the oracle to 1e-9 on several distributions and grids', () => {
    let compared = 0;
    for (const d of ['uniform', 'gaussian', 'laplace', 'student-t3'] as const) {
      const s = statsOf(d, sampleTensor(5000, d, 61, 1.2, 0.3), 300);
      const absMax = Math.max(-s.min, s.max);
      for (const scheme of [
        INT8_SYMMETRIC,
        UINT8_ASYMMETRIC,
        { bits: 3, signed: true, symmetric: false },
      ] as QuantScheme[])
        for (const f of [1.2, 1, 0.3, 0.05]) {
          const p = computeParams(-f * absMax, f * absMax * 0.7, scheme);
          const [r, c] = histogramMse(s, p);
          const [r0, c0] = naiveHistogramMse(s, p);
          expect(Math.abs(r - r0)).toBeLessThan(1e-9 * (r0 + c0));
          expect(Math.abs(c - c0)).toBeLessThan(1e-9 * (r0 + c0));
          compared++;
        }
    }
    expect(compared).toBe(48);
  });
});

describe('histogramMse (seeded, against the exact error of the data)', () => {
  it('estimates rounding and clipping MSE within 2 % for 8- and 4-bit grids, tight and wide ranges', () => {
    for (const d of ['gaussian', 'laplace', 'student-t3'] as const) {
      const x = sampleTensor(20000, d, 41, 1.5, 0.2);
      const s = statsOf(d, x);
      const absMax = Math.max(-s.min, s.max);
      for (const scheme of [
        INT8_SYMMETRIC,
        UINT8_ASYMMETRIC,
        { bits: 4, signed: true, symmetric: true },
      ] as QuantScheme[])
        for (const f of [1, 0.5, 0.2]) {
          const p = computeParams(-f * absMax, f * absMax, scheme);
          const exact = quantError(tensor('float32', [x.length], x), p);
          const [rounding, clipping] = histogramMse(s, p);
          expect(Math.abs(rounding + clipping - exact.mse)).toBeLessThan(0.02 * exact.mse);
          expect(Math.abs(rounding - exact.rounding.mse)).toBeLessThan(0.02 * exact.mse);
          expect(Math.abs(clipping - exact.clipping.mse)).toBeLessThan(0.02 * exact.mse);
        }
    }
  });
});

describe('mseRange', () => {
  it('picks a range within 1 % of the best candidate by the exact error of the data (differential)', () => {
    const cases: [string, Float32Array, QuantScheme][] = [
      ['gaussian 4-bit', sampleTensor(20000, 'gaussian', 5), { bits: 4, signed: true, symmetric: true }],
      ['student-t3 int8', sampleTensor(20000, 'student-t3', 6), INT8_SYMMETRIC],
      ['laplace uint8', sampleTensor(20000, 'laplace', 7, 1, 0.5), UINT8_ASYMMETRIC],
    ];
    for (const [, x, scheme] of cases) {
      const s = statsOf('t', x);
      const choice = mseRange(s, scheme, 64);
      const t = tensor('float32', [x.length], x);
      const exact = Array.from(
        choice.curve.mse,
        (_, k) => quantError(t, computeParams(choice.curve.min[k], choice.curve.max[k], scheme)).mse,
      );
      expect(exact[choice.curve.best]).toBeLessThanOrEqual(1.01 * Math.min(...exact));
    }
  });

  it('clips a Gaussian well inside its max at 4 bits and keeps the curve consistent', () => {
    const s = statsOf('t', sampleTensor(50000, 'gaussian', 12));
    const absMax = Math.max(-s.min, s.max);
    const r = mseRange(s, { bits: 4, signed: true, symmetric: true });
    // the MSE-optimal clipping of a unit Gaussian on a 15-level grid lies near 2.4σ (max|x| here is about 4.4σ)
    expect(r.max).toBeGreaterThan(2);
    expect(r.max).toBeLessThan(2.8);
    expect(r.min).toBe(-r.max);
    const c = r.curve;
    expect(c.mse.length).toBe(256);
    expect(c.max[255]).toBe(absMax);
    c.mse.forEach((m, k) => expect(m).toBeCloseTo(c.rounding[k] + c.clipping[k], 15));
    expect(c.clipping[255]).toBe(0);
    expect(c.clipping[0]).toBeGreaterThan(c.rounding[0]);
  });

  it('rejects bad candidate counts', () => {
    expect(() => mseRange(statsOf('t', [1, 2]), INT8_SYMMETRIC, 0)).toThrow(ModelError);
  });
});
