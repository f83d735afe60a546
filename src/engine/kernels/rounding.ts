// Round-half-to-even: the IEEE 754 default rounding, used by ONNX QuantizeLinear and by requantization.

/** Rounds to the nearest integer, ties to the even neighbour (2.5 → 2, 3.5 → 4, −2.5 → −2). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
