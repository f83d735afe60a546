import { describe, expect, it } from 'vitest';
import { floatToHalf, halfToFloat, roundToHalf } from './float16';

describe('float16', () => {
  it.each([
    [0x0000, 0],
    [0x3c00, 1],
    [0xc000, -2],
    [0x7bff, 65504],
    [0x0400, 2 ** -14],
    [0x0001, 2 ** -24],
    [0x3555, 0.333251953125],
    [0x7c00, Infinity],
    [0xfc00, -Infinity],
  ])('%i ⇄ %f', (bits, value) => {
    expect(halfToFloat(bits)).toBe(value);
    expect(floatToHalf(value)).toBe(bits);
  });

  it('maps NaN to a NaN pattern', () => {
    expect(halfToFloat(floatToHalf(NaN))).toBeNaN();
  });

  it('rounds to nearest, ties to even', () => {
    expect(roundToHalf(1 + 2 ** -11)).toBe(1); // halfway between 1 and 1+2^-10: even is 1
    expect(roundToHalf(1 + 3 * 2 ** -11)).toBe(1 + 2 * 2 ** -10); // halfway, rounds up to even
    expect(roundToHalf(65520)).toBe(Infinity); // past the largest half rounds to infinity
    expect(roundToHalf(1e-9)).toBe(0);
  });

  it('round-trips every half bit pattern', () => {
    for (let h = 0; h < 0x10000; h++) {
      const exp = (h >> 10) & 0x1f;
      if (exp === 0x1f && h & 0x3ff) continue; // NaNs
      expect(floatToHalf(halfToFloat(h))).toBe(h);
    }
  });
});
