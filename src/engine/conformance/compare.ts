// Comparing a computed tensor with an expected one, the way the ONNX backend test runner does:
// integers and bools exactly, floats elementwise within |actual − expected| ≤ atol + rtol·|expected|.
import { isFloat, type Tensor } from '../ir/tensor';

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** The tolerance of test-data/onnx-node/README.md (the backend runner's rtol, a looser atol than its 1e-7). */
export const DEFAULT_TOLERANCE: Tolerance = { rtol: 1e-3, atol: 1e-5 };

const shape = (dims: readonly number[]) => `[${dims.join(', ')}]`;

/** Why `actual` does not match `expected`, or null when it does. */
export function mismatch(
  actual: Tensor,
  expected: Tensor,
  tol: Tolerance = DEFAULT_TOLERANCE,
): string | null {
  if (actual.dtype !== expected.dtype) return `dtype ${actual.dtype}, expected ${expected.dtype}`;
  if (actual.dims.length !== expected.dims.length || actual.dims.some((d, i) => d !== expected.dims[i]))
    return `shape ${shape(actual.dims)}, expected ${shape(expected.dims)}`;
  const float = isFloat(expected.dtype);
  let bad = 0;
  let first = -1;
  let worst = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const a = actual.data[i];
    const e = expected.data[i];
    if (a === e) continue;
    if (float && typeof a === 'number' && typeof e === 'number') {
      if (Number.isNaN(a) && Number.isNaN(e)) continue;
      const diff = Math.abs(a - e);
      if (diff <= tol.atol + tol.rtol * Math.abs(e)) continue;
      worst = Math.max(worst, Number.isNaN(diff) ? Infinity : diff);
    }
    bad++;
    if (first < 0) first = i;
  }
  if (bad === 0) return null;
  const detail = float ? `, max |diff| ${worst.toPrecision(3)} (rtol ${tol.rtol}, atol ${tol.atol})` : '';
  return `${bad} of ${expected.data.length} values differ; first at flat index ${first}: got ${actual.data[first]}, expected ${expected.data[first]}${detail}`;
}

/**
 * The largest difference relative to the expected tensor's scale: max |a − e| / max |e| (0 for two zero
 * tensors). Used to compare whole model outputs, where an elementwise relative error would blow up on
 * outputs near zero. Shapes must match.
 */
export function relativeError(actual: Tensor, expected: Tensor): number {
  if (actual.data.length !== expected.data.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const a = Number(actual.data[i]);
    const e = Number(expected.data[i]);
    diff = Math.max(diff, Number.isNaN(a - e) ? Infinity : Math.abs(a - e));
    scale = Math.max(scale, Math.abs(e));
  }
  return diff === 0 ? 0 : diff / scale;
}
