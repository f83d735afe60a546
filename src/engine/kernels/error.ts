// Numerical error of a kernel's float32 output against the float64 direct reference.
import { ModelError } from '../errors';

export interface NumericError {
  /** max |y − ref| over all elements. */
  maxAbsErr: number;
  /** max |y − ref| divided by max |ref| (the ∞-norm relative error, which stays finite when outputs cross zero). */
  maxRelErr: number;
  /** Index of the element with the largest absolute error (−1 for empty outputs). */
  worst: number;
}

export function numericError(y: ArrayLike<number>, ref: ArrayLike<number>): NumericError {
  if (y.length !== ref.length)
    throw new ModelError('input', `cannot compare ${y.length} outputs with ${ref.length} reference values`);
  let maxAbsErr = 0;
  let maxRef = 0;
  let worst = y.length ? 0 : -1;
  for (let i = 0; i < y.length; i++) {
    const e = Math.abs(y[i] - ref[i]);
    // NaN compares false: make it count as the worst error rather than vanish.
    if (e > maxAbsErr || Number.isNaN(e)) {
      maxAbsErr = Number.isNaN(e) ? Infinity : e;
      worst = i;
    }
    maxRef = Math.max(maxRef, Math.abs(ref[i]));
  }
  return { maxAbsErr, maxRelErr: maxRef > 0 ? maxAbsErr / maxRef : maxAbsErr, worst };
}
