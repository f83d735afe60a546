import { describe, expect, it } from 'vitest';
import { sampleTensor } from './samples';
import { seededRandom } from '../stats/rng';

describe('seeded samples', () => {
  it('repeat for a seed and differ across seeds', () => {
    expect(sampleTensor(100, 'laplace', 5)).toEqual(sampleTensor(100, 'laplace', 5));
    expect(sampleTensor(100, 'laplace', 5)).not.toEqual(sampleTensor(100, 'laplace', 6));
    const r = seededRandom(1);
    for (let i = 0; i < 1000; i++) {
      const u = r();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });

  it.each([
    ['uniform', 1 / 3],
    ['gaussian', 1],
    ['laplace', 2],
    ['student-t3', 3],
  ] as const)('%s has mean 0 and variance %d (scaled and shifted on request)', (d, variance) => {
    const x = sampleTensor(200000, d, 9, 2, 1);
    let sum = 0,
      sq = 0;
    for (const v of x) {
      sum += v;
      sq += v * v;
    }
    const mean = sum / x.length;
    expect(mean).toBeCloseTo(1, 1);
    // Student's t with 3 degrees of freedom has an infinite fourth moment: its sample variance converges slowly
    expect((sq / x.length - mean * mean) / 4 / variance).toBeCloseTo(1, d === 'student-t3' ? 0 : 1);
  });
});
