// The error function, which JavaScript's Math lacks. Accurate to ~1e-15, far below float32 rounding:
// - |x| < 2: the Maclaurin series erf(x) = 2/√π · Σ (-1)^n x^(2n+1) / (n! (2n+1));
// - |x| ≥ 2: erfc from its continued fraction (Abramowitz & Stegun 7.1.14), evaluated backwards;
// - |x| ≥ 6: ±1 (erfc(6) ≈ 2e-17 is below double precision of 1).

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x; // (-1)^n x^(2n+1) / n!
  let sum = x;
  for (let n = 1; n < 100; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

/** erfc(x) for x ≥ 2: e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))). */
function erfcContinuedFraction(x: number): number {
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a >= 6) return Math.sign(x);
  if (a < 2.5) return erfSeries(x);
  return Math.sign(x) * (1 - erfcContinuedFraction(a));
}
