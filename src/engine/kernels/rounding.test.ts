import { describe, expect, it } from 'vitest';
import { roundHalfEven, roundToFloat16 } from './rounding';

/** Value of a float16 bit pattern, decoded from the IEEE 754 binary16 fields. */
function halfValue(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  if (exp === 0) return sign * frac * 2 ** -24;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

describe('rounding', () => {
  it('roundHalfEven sends ties to the even neighbour', () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999, 2.5001, -7.2].map(roundHalfEven)).toEqual([
      0, 2, 2, 4, 0, -2, -2, 2, 3, -7,
    ]);
  });

  it('every finite float16 value is a fixed point, and midpoints between neighbours round to the even one', () => {
    const positives: number[] = [];
    for (let bits = 0; bits < 0x7c00; bits++) positives.push(halfValue(bits));
    for (const [i, v] of positives.entries()) {
      expect(roundToFloat16(v)).toBe(v);
      expect(roundToFloat16(-v)).toBe(-v);
      if (i + 1 < positives.length) {
        const next = positives[i + 1];
        const mid = (v + next) / 2;
        // The even neighbour has an even bit pattern (last fraction bit 0).
        expect(roundToFloat16(mid)).toBe(i % 2 === 0 ? v : next);
        expect(roundToFloat16(mid - (next - v) / 8)).toBe(v);
        expect(roundToFloat16(mid + (next - v) / 8)).toBe(next);
      }
    }
  });

  it('rounds hand-checked values and overflows past 65504', () => {
    expect(roundToFloat16(1 / 3)).toBe(0.333251953125);
    expect(roundToFloat16(65519)).toBe(65504);
    expect(roundToFloat16(65520)).toBe(Infinity);
    expect(roundToFloat16(-1e6)).toBe(-Infinity);
    expect(roundToFloat16(2 ** -25)).toBe(0);
    expect(roundToFloat16(NaN)).toBeNaN();
  });
});
