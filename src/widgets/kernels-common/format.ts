// Numbers as the kernel widgets print them: a real minus sign, few digits (they must be readable on a
// projector), and the exact fractions of the Winograd matrices (1/6 rather than 0.1667).

const MINUS = '\u2212';

/** "−0.53", "1.2", "3": at most `digits` decimals, trailing zeros dropped (a value that rounds to zero prints "0"). */
export function formatValue(v: number, digits = 2): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : `${MINUS}∞`;
  const text = String(Number(Math.abs(v).toFixed(digits)));
  return v < 0 && text !== '0' ? `${MINUS}${text}` : text;
}

/** "0.056", "−0.22", "4.4", "1.5e-7": `digits` significant digits (for the terms of a dot product). */
export function formatSig(v: number, digits = 2): string {
  if (!Number.isFinite(v) || v === 0) return formatValue(v);
  const text = String(Number(Math.abs(v).toPrecision(digits)));
  return v < 0 ? `${MINUS}${text}` : text;
}

/** A value as a fraction with a small denominator when it is one exactly enough (Winograd matrices), else formatValue. */
export function formatFraction(v: number): string {
  for (const d of [1, 2, 3, 4, 6, 8, 12, 24]) {
    const n = Math.round(v * d);
    if (Math.abs(v * d - n) < 1e-9) {
      if (d === 1) return formatValue(n, 0);
      const sign = n < 0 ? MINUS : '';
      return `${sign}${Math.abs(n)}/${d}`;
    }
  }
  return formatValue(v, 3);
}

/** An error in scientific notation: "3.4 × 10⁻⁷" (0 stays "0"). */
export function formatError(v: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return formatValue(v);
  const exponent = Math.floor(Math.log10(Math.abs(v)));
  const mantissa = v / 10 ** exponent;
  const superscript = String(exponent)
    .replace('-', '⁻')
    .replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
  return `${formatValue(mantissa, 1)} × 10${superscript}`;
}

/** A ratio such as 2.25× with two decimals at most. */
export const formatRatio = (v: number) => `${formatValue(v, 2)}×`;

/** An index range as printed in a caption: "3–5", or "4" when it is one index. */
export const formatRange = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);
