import { describe, expect, it } from 'vitest';
import { seededRandom } from '../stats/rng';
import { randomTensor } from './randomTensor';

describe('randomTensor', () => {
  it('repeats for a seed', () => {
    const a = randomTensor('float32', [5], seededRandom(42));
    expect(randomTensor('float32', [5], seededRandom(42))).toEqual(a);
    expect(randomTensor('float32', [5], seededRandom(43))).not.toEqual(a);
  });

  it('fills tensors within their range', () => {
    const rng = seededRandom(1);
    const f = randomTensor('float32', [1000], rng, [-2, 3]);
    expect(Math.min(...f.data)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...f.data)).toBeLessThan(3);
    const u = randomTensor('uint8', [1000], rng);
    expect(new Set(u.data).size).toBeGreaterThan(200);
    const i = randomTensor('int64', [200], rng);
    expect([...new Set(i.data)].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
