import { describe, expect, it } from 'vitest';
import { erf } from './errorFunction';

describe('erf', () => {
  // reference values: the C library erf() (printed by Python math.erf)
  it.each([
    [0, 0],
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [2, 0.9953222650189527],
    [1.9, 0.9927904292352575],
    [2.9, 0.9999589021219005],
    [3, 0.9999779095030014],
    [4, 0.9999999845827421],
    [5.5, 0.9999999999999927],
    [7, 1],
  ])('erf(%s) = %s to 1e-14', (x, expected) => {
    expect(Math.abs(erf(x) - expected)).toBeLessThan(1e-14);
    expect(Math.abs(erf(-x) + expected)).toBeLessThan(1e-14);
  });

  it('is continuous where the series hands over to the continued fraction (x = 2)', () => {
    expect(Math.abs(erf(2 - 1e-12) - erf(2))).toBeLessThan(1e-13);
    expect(erf(NaN)).toBeNaN();
    expect(erf(Infinity)).toBe(1);
  });
});
