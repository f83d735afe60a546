import { describe, expect, it } from 'vitest';
import { formatError, formatFraction, formatRange, formatRatio, formatSig, formatValue } from './format';

describe('kernel widget number formats', () => {
  it('prints values with a real minus and few digits', () => {
    expect(formatValue(-0.5312)).toBe('−0.53');
    expect(formatValue(3)).toBe('3');
    expect(formatValue(-0)).toBe('0');
    expect(formatValue(-0.001)).toBe('0');
    expect(formatValue(123.456)).toBe('123.46');
    expect(formatValue(4.39671, 4)).toBe('4.3967');
    expect([0.05612, -0.2249, 4.41, 1.53e-7, 0, 12].map((v) => formatSig(v))).toEqual([
      '0.056',
      '−0.22',
      '4.4',
      '1.5e-7',
      '0',
      '12',
    ]);
  });

  it('prints the Winograd matrices as exact fractions', () => {
    expect([1 / 2, -1 / 6, 1 / 24, 1 / 12, -4, 0.3].map(formatFraction)).toEqual([
      '1/2',
      '−1/6',
      '1/24',
      '1/12',
      '−4',
      '0.3',
    ]);
  });

  it('prints errors in scientific notation and ratios with a ×', () => {
    expect(formatError(3.4e-7)).toBe('3.4 × 10⁻⁷');
    expect(formatError(0.0123)).toBe('1.2 × 10⁻²');
    expect(formatError(0)).toBe('0');
    expect(formatRatio(2.25)).toBe('2.25×');
    expect(formatRatio(4)).toBe('4×');
  });

  it('prints an index range, or one index', () => {
    expect(formatRange(3, 5)).toBe('3–5');
    expect(formatRange(4, 4)).toBe('4');
  });
});
