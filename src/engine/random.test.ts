import { describe, expect, it } from 'vitest';
import { createRng, randomTensor } from './random';

describe('seeded randomness', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = Array.from({ length: 5 }, createRng(42));
    expect(Array.from({ length: 5 }, createRng(42))).toEqual(a);
    expect(Array.from({ length: 5 }, createRng(43))).not.toEqual(a);
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('fills tensors within their range', () => {
    const rng = createRng(1);
    const f = randomTensor('float32', [1000], rng, [-2, 3]);
    expect(Math.min(...f.data)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...f.data)).toBeLessThan(3);
    const u = randomTensor('uint8', [1000], rng);
    expect(new Set(u.data).size).toBeGreaterThan(200);
    const i = randomTensor('int64', [200], rng);
    expect([...new Set(i.data)].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
