import { describe, expect, it } from 'vitest';
import { tensor } from '../ir/tensor';
import { quantError } from './error';
import { fakeQuantize } from './quantize';
import { sampleTensor } from './samples';
import { INT8_SYMMETRIC, UINT8_ASYMMETRIC, computeParams } from './scheme';

describe('quantError', () => {
  it('splits a hand-computed case into rounding and clipping', () => {
    // grid: scale 1, zero point 0, [0, 3] → levels 0, 1, 2, 3
    const p = { scale: 1, zeroPoint: 0, qmin: 0, qmax: 3 };
    const e = quantError(tensor('float32', [6], [0.25, 1.5, 2.75, 3.4, 5, -2]), p);
    // rounding: 0.25→0 (0.25), 1.5→2 (0.5), 2.75→3 (0.25), 3.4→3 (0.4; u = 3 is inside the grid)
    // clipping: 5→3 (2, high), -2→0 (2, low)
    expect(e.count).toBe(6);
    expect(e.rounding.count).toBe(4);
    expect(e.rounding.mse).toBeCloseTo((0.0625 + 0.25 + 0.0625 + 0.16) / 6, 6);
    expect(e.rounding.maxAbs).toBeCloseTo(0.5, 6);
    expect(e.clipping).toMatchObject({ count: 2, low: 1, high: 1, maxAbs: 2 });
    expect(e.clipping.mse).toBeCloseTo(8 / 6, 6);
    expect(e.mse).toBeCloseTo(e.rounding.mse + e.clipping.mse, 12);
    expect(e.maxAbs).toBe(2);
  });

  it('has no clipping under the min/max range, and rounding error ≤ scale/2 (seeded Gaussian)', () => {
    const x = sampleTensor(4096, 'gaussian', 5);
    let lo = Infinity,
      hi = -Infinity;
    for (const v of x) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    for (const scheme of [UINT8_ASYMMETRIC, INT8_SYMMETRIC]) {
      const p = computeParams(lo, hi, scheme);
      const e = quantError(tensor('float32', [x.length], x), p);
      expect(e.clipping.count).toBe(0);
      expect(e.rounding.count).toBe(x.length);
      expect(e.rounding.maxAbs).toBeLessThanOrEqual(p.scale / 2 + 1e-6);
      // uniform rounding noise has variance scale²/12: a sanity check within 10 %
      expect(e.mse / (p.scale ** 2 / 12)).toBeGreaterThan(0.9);
      expect(e.mse / (p.scale ** 2 / 12)).toBeLessThan(1.1);
    }
  });

  it('trades rounding for clipping as the range tightens, and its total MSE equals the fake-quantized MSE', () => {
    const x = tensor('float32', [4096], sampleTensor(4096, 'student-t3', 9));
    const wide = quantError(x, computeParams(-20, 20, INT8_SYMMETRIC));
    const tight = quantError(x, computeParams(-2, 2, INT8_SYMMETRIC));
    expect(tight.rounding.mse).toBeLessThan(wide.rounding.mse);
    expect(tight.clipping.count).toBeGreaterThan(wide.clipping.count);
    const p = computeParams(-2, 2, INT8_SYMMETRIC);
    const fq = fakeQuantize(x, p).data;
    let sq = 0;
    for (let i = 0; i < fq.length; i++) sq += (fq[i] - x.data[i]) ** 2;
    expect(tight.mse).toBeCloseTo(sq / fq.length, 12);
  });

  it('works per channel', () => {
    const x = tensor('float32', [2, 2], [1, 10, 2, 20]);
    const e = quantError(x, {
      axis: 1,
      channels: [
        { scale: 1, zeroPoint: 0, qmin: 0, qmax: 3 },
        { scale: 4, zeroPoint: 0, qmin: 0, qmax: 3 },
      ],
    });
    // channel 0: 1, 2 exact; channel 1: 10 → q 2 (2.5 tie → 2) → 8 (error 2), 20 → q 5 → clipped to 3 → 12 (error 8)
    expect(e.rounding).toMatchObject({ count: 3, maxAbs: 2 });
    expect(e.clipping).toMatchObject({ count: 1, high: 1, maxAbs: 8 });
    expect(e.mse).toBe((4 + 64) / 4);
  });
});
