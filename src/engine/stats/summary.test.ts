import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { percentileSorted, summarizeLatencies } from './summary';
import { seededRandom } from './rng';

describe('summarizeLatencies', () => {
  it('gives min, median, nearest-rank p90, max and mean of a known sample', () => {
    // 1..10 shuffled: median (5+6)/2, p90 = the 9th smallest.
    const s = summarizeLatencies([7, 3, 10, 1, 5, 9, 2, 8, 6, 4]);
    expect(s).toEqual({ runs: 10, min: 1, median: 5.5, p90: 9, max: 10, mean: 5.5 });
  });

  it('takes the middle sample for an odd count and a single sample as every statistic', () => {
    expect(summarizeLatencies([3, 1, 2]).median).toBe(2);
    expect(summarizeLatencies([4.25])).toEqual({
      runs: 1,
      min: 4.25,
      median: 4.25,
      p90: 4.25,
      max: 4.25,
      mean: 4.25,
    });
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    summarizeLatencies(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('orders min ≤ median ≤ p90 ≤ max on seeded random samples, and p90 is one of the samples', () => {
    const next = seededRandom(42);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(next() * 40);
      const samples = Array.from({ length: n }, () => next() * 10);
      const s = summarizeLatencies(samples);
      expect(s.min).toBeLessThanOrEqual(s.median);
      expect(s.median).toBeLessThanOrEqual(s.p90);
      expect(s.p90).toBeLessThanOrEqual(s.max);
      expect(samples).toContain(s.p90);
      // At least 90 % of samples are ≤ p90, and fewer than 90 % are strictly below it.
      expect(samples.filter((x) => x <= s.p90).length).toBeGreaterThanOrEqual(Math.ceil(0.9 * n));
      expect(samples.filter((x) => x < s.p90).length).toBeLessThan(Math.ceil(0.9 * n));
    }
  });

  it('rejects empty, negative and non-finite samples with a ModelError', () => {
    expect(() => summarizeLatencies([])).toThrow(ModelError);
    expect(() => summarizeLatencies([1, -2])).toThrow(/sample 1/);
    expect(() => summarizeLatencies([1, Number.NaN])).toThrow(ModelError);
    expect(() => percentileSorted([1], 1.5)).toThrow(/\[0, 1\]/);
  });
});
