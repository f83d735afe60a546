// Where the bars of the ratio chart go: int8 ÷ float time on a log scale centred on 1 (same speed), so that
// "2× slower" and "2× faster" are equally long. Pure: the View draws what this returns.
import { outcomeOf, type Outcome } from '../FloatVsInt8/verdict';

export interface RatioBar {
  /** From the centre line, as fractions of the chart's width (left < right). */
  left: number;
  right: number;
  outcome: Outcome;
  /** The ratio fell outside the axis and the bar is cut at its end. */
  clipped: boolean;
}

/** The axis spans 1/limit … limit: the smallest power of 2 ≥ every ratio and its inverse, at least 2. */
export function axisLimit(ratios: readonly number[]): number {
  const widest = Math.max(
    2,
    ...ratios.filter((r) => r > 0 && Number.isFinite(r)).map((r) => Math.max(r, 1 / r)),
  );
  return 2 ** Math.ceil(Math.log2(widest));
}

/** Position of a ratio on the axis, 0 (1/limit) … 1 (limit); 0.5 is the same speed. */
export const position = (ratio: number, limit: number) =>
  Math.min(1, Math.max(0, 0.5 + Math.log(ratio) / (2 * Math.log(limit))));

export function ratioBar(ratio: number, limit: number): RatioBar {
  const at = position(ratio, limit);
  return {
    left: Math.min(at, 0.5),
    right: Math.max(at, 0.5),
    outcome: outcomeOf(ratio),
    clipped: ratio > limit || ratio < 1 / limit,
  };
}

/** Tick marks: every power of 2 from 1/limit to limit. */
export function ticks(limit: number): number[] {
  const n = Math.round(Math.log2(limit));
  return Array.from({ length: 2 * n + 1 }, (_, i) => 2 ** (i - n));
}

/** Round-to-round ratios further apart than this factor (largest ÷ smallest) mean a busy machine. */
export const NOISY_SPREAD = 1.3;

export const isNoisy = (roundRatios: readonly number[]) =>
  roundRatios.length > 1 && Math.max(...roundRatios) / Math.min(...roundRatios) > NOISY_SPREAD;
