import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { absHistogram, createStats, observe, signedHistogram, statsOf } from './histogram';
import { sampleTensor } from './samples';

describe('TensorStats (hand-computed)', () => {
  it('bins |x| by sign with max|x| in the middle of the last bin', () => {
    const s = statsOf('t', [0, 0.5, -0.5, 1, -1], 4);
    expect(s.width).toBeCloseTo(1 / 3.5, 15);
    // |x| / width: 0 → 0, 0.5 → 1.75, 1 → 3.5
    expect([...s.positive]).toEqual([1, 1, 0, 1]);
    expect([...s.negative]).toEqual([0, 1, 0, 1]);
    expect(s).toMatchObject({ count: 5, min: -1, max: 1 });
  });

  it('counts the zeros seen before the first non-zero value in bin 0', () => {
    const s = createStats('relu', 4);
    observe(s, [0, 0, 0]);
    expect(s.width).toBe(0);
    observe(s, [2]);
    expect([...s.positive]).toEqual([3, 0, 0, 1]); // 2 / (2/3.5) = 3.5 → bin 3
    expect(s.count).toBe(4);
  });

  it('appends bins of the same width, then merges pairs when there are more than twice as many', () => {
    const s = statsOf('t', [1], 4);
    observe(s, [1.6]); // 1.6 / (1/3.5) = 5.6 → bin 5: six bins, no merge
    expect([...s.positive]).toEqual([0, 0, 0, 1, 0, 1]);
    observe(s, [5]); // 5 / w = 17.5 → 18 bins > 8: width ×4, bins [0,0,0,1,0,1] → [1,1] → 5 bins
    expect(s.width).toBeCloseTo(4 / 3.5, 15);
    expect([...s.positive]).toEqual([1, 1, 0, 0, 1]);
  });

  it('rejects NaN and ±Infinity naming the tensor, and bad bin counts', () => {
    expect(() => statsOf('conv1_out', [1, NaN])).toThrow(
      /tensor conv1_out has the non-finite value NaN at index 1/,
    );
    expect(() => statsOf('t', [Infinity])).toThrow(ModelError);
    expect(() => createStats('t', 0)).toThrow(/bins must be an integer/);
    expect(() => createStats('t', 1e9)).toThrow(ModelError);
  });

  it('survives a range that spans the float64 exponent range without a huge allocation', () => {
    const s = statsOf('t', [5e-324], 2048);
    observe(s, [1e308, -1e308]);
    expect(s.positive.length).toBeLessThanOrEqual(4096);
    expect(s.positive.reduce((a, b) => a + b) + s.negative.reduce((a, b) => a + b)).toBe(3);
  });
});

describe('TensorStats (seeded batches)', () => {
  it('equals a direct count at the final width after the range grows over 12 batches', () => {
    const s = createStats('t', 256);
    const all: number[] = [];
    for (let b = 0; b < 12; b++) {
      const batch = sampleTensor(500, 'laplace', 100 + b, 1.6 ** b, 0.1 * b);
      observe(s, batch);
      all.push(...batch);
      expect(s.positive.length).toBeLessThanOrEqual(2 * 256);
    }
    const pos = new Float64Array(s.positive.length);
    const neg = new Float64Array(s.negative.length);
    for (const v of all) (v < 0 ? neg : pos)[Math.floor(Math.abs(v) / s.width)]++;
    expect(s.positive).toEqual(pos);
    expect(s.negative).toEqual(neg);
    expect(s.count).toBe(all.length);
    expect(s.min).toBe(Math.min(...all));
    expect(s.max).toBe(Math.max(...all));
    expect(structuredClone(s)).toEqual(s); // plain data: crosses a Worker boundary
  });

  it('gives consistent |x| and signed views', () => {
    const s = statsOf('t', sampleTensor(3000, 'gaussian', 4), 64);
    const abs = absHistogram(s);
    const signed = signedHistogram(s);
    const n = s.positive.length;
    expect(signed.counts.length).toBe(2 * n);
    expect(signed.edges[n]).toBe(0);
    expect(signed.edges[2 * n]).toBeCloseTo(n * s.width, 12);
    for (let k = 0; k < n; k++) expect(abs.counts[k]).toBe(signed.counts[n + k] + signed.counts[n - 1 - k]);
    const coarse = signedHistogram(s, 16);
    expect(coarse.counts.length).toBeLessThanOrEqual(16);
    expect(coarse.counts.reduce((a, b) => a + b)).toBe(3000);
    expect(coarse.edges[coarse.counts.length / 2]).toBe(0);
  });
});
