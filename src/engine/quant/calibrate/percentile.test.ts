import { describe, expect, it } from 'vitest';
import { ModelError } from '../../errors';
import { createStats, observe, statsOf } from '../histogram';
import { sampleTensor, type Distribution } from '../samples';
import { minMaxRange } from './minmax';
import { percentileRange } from './percentile';

// 6 × 0.5, 2 × 1.5, 1 × 2.5, 1 × 3.5 with 4 bins: width = 3.5 / 3.5 = 1, so bins hold 6, 2, 1, 1.
const hand = () => statsOf('t', [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.5, 1.5, 2.5, 3.5], 4);

describe('minMaxRange', () => {
  it('is the observed range, or ±max|x| when symmetric', () => {
    const s = statsOf('t', [-0.5, 2, 1]);
    expect(minMaxRange(s, false)).toEqual({ method: 'minmax', min: -0.5, max: 2 });
    expect(minMaxRange(s, true)).toEqual({ method: 'minmax', min: -2, max: 2 });
  });

  it('needs observed values', () => {
    expect(() => minMaxRange(createStats('empty'), false)).toThrow(
      /no values were observed for tensor empty/,
    );
  });
});

describe('percentileRange (hand-computed)', () => {
  it('takes the upper edge of the bin where the cumulative count reaches p %', () => {
    expect(percentileRange(hand(), true, 80)).toMatchObject({
      min: -2,
      max: 2,
      clippedLow: 0,
      clippedHigh: 2,
    });
    expect(percentileRange(hand(), true, 90)).toMatchObject({ min: -3, max: 3, clippedHigh: 1 });
    expect(percentileRange(hand(), true, 100)).toMatchObject({ min: -3.5, max: 3.5, clippedHigh: 0 });
  });

  it('clips each tail separately when asymmetric, within the observed range', () => {
    expect(percentileRange(hand(), false, 80)).toMatchObject({
      min: 0.5,
      max: 2,
      clippedLow: 0,
      clippedHigh: 2,
      count: 10,
    });
  });

  it.each([40, 100.5, NaN])('rejects percentile %d', (p) => {
    expect(() => percentileRange(hand(), true, p)).toThrow(ModelError);
  });
});

describe('percentileRange (seeded)', () => {
  const distributions: Distribution[] = ['uniform', 'gaussian', 'laplace', 'student-t3'];

  it.each(distributions)('at 100 %% equals MinMax on %s data collected in growing batches', (d) => {
    const s = createStats(d, 512);
    for (let b = 0; b < 5; b++) observe(s, sampleTensor(2000, d, 20 + b, 1 + b / 2, 0.3));
    for (const symmetric of [true, false]) {
      const { min, max } = percentileRange(s, symmetric, 100);
      expect({ min, max }).toEqual({
        min: minMaxRange(s, symmetric).min,
        max: minMaxRange(s, symmetric).max,
      });
    }
  });

  it.each(distributions)(
    'reports exactly the values it clips, at most (100 − p) %% per tail, nested in p (%s)',
    (d) => {
      const x = sampleTensor(20000, d, 31, 2, -0.4);
      const s = statsOf(d, x);
      let previous = { min: 0, max: 0 };
      for (const p of [90, 99, 99.9, 99.99]) {
        for (const symmetric of [true, false]) {
          const r = percentileRange(s, symmetric, p);
          const low = x.filter((v) => v < r.min).length;
          const high = x.filter((v) => v > r.max).length;
          expect([r.clippedLow, r.clippedHigh]).toEqual([low, high]);
          const allowed = ((100 - p) / 100) * x.length;
          if (symmetric) expect(low + high).toBeLessThanOrEqual(allowed);
          else expect(Math.max(low, high)).toBeLessThanOrEqual(allowed);
        }
        const r = percentileRange(s, false, p);
        expect(r.min).toBeLessThanOrEqual(previous.min);
        expect(r.max).toBeGreaterThanOrEqual(previous.max);
        previous = r;
      }
    },
  );
});
