import { describe, expect, it } from 'vitest';
import { fillUniform, seededRandom } from './rng';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const next = seededRandom(1);
    const bins = new Array(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = next();
      if (!(x >= 0 && x < 1)) outside++;
      else bins[Math.floor(x * 10)]++;
    }
    expect(outside).toBe(0);
    // Each decile within 5 % of its expected 10 000.
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});

describe('fillUniform', () => {
  it('fills the whole array within [min, max)', () => {
    const out = fillUniform(new Float32Array(1000), 3, 0, 16);
    expect(out.every((x) => x >= 0 && x < 16)).toBe(true);
    expect(Math.min(...out)).toBeLessThan(1);
    expect(Math.max(...out)).toBeGreaterThan(15);
  });
});
