// Rounding helpers shared by the kernels: round-half-to-even (the IEEE 754 default, used by ONNX QuantizeLinear
// and requantization) and rounding a number to the nearest IEEE 754 binary16 (float16) value.

/** Rounds to the nearest integer, ties to the even neighbour (2.5 → 2, 3.5 → 4, −2.5 → −2). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

const F16_MAX = 65504;
const F16_MIN_NORMAL = 2 ** -14;
/** Spacing of float16 subnormals (and of normals in [2^-14, 2^-13)). */
const F16_SUBNORMAL_STEP = 2 ** -24;

/**
 * The float16 value nearest to x (ties to even), as a number: what storing x in a float16 and reading it back
 * gives. Overflows to ±Infinity past the largest finite float16 (65504) by half a step or more.
 */
export function roundToFloat16(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  let step = F16_SUBNORMAL_STEP;
  if (a >= F16_MIN_NORMAL) {
    let e = Math.floor(Math.log2(a));
    if (2 ** e > a) e--;
    else if (2 ** (e + 1) <= a) e++;
    step = 2 ** (e - 10); // 10 fraction bits
  }
  const r = roundHalfEven(a / step) * step;
  if (r > F16_MAX) return x > 0 ? Infinity : -Infinity;
  return x > 0 ? r : -r;
}
