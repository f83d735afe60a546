// The error quantization introduces in a tensor, split by cause:
//  - rounding error: values inside the grid's range move to the nearest level (at most scale/2 each);
//  - clipping error: values beyond the range saturate to qmin or qmax (unbounded).
// A tight range trades clipping error for finer rounding; calibration methods choose that trade-off.
// Both MSEs divide by the total element count, so rounding.mse + clipping.mse = mse.
import { ModelError } from '../errors';
import { forEachRun } from './channels';
import { checkQuantInput, dequantizeValue, unsaturated, type NumericTensor } from './quantize';
import { type TensorQuantParams } from './scheme';

export interface ErrorPart {
  /** Elements in this part. */
  count: number;
  /** This part's squared errors summed and divided by the count of all elements. */
  mse: number;
  maxAbs: number;
}

export interface QuantError {
  count: number;
  mse: number;
  maxAbs: number;
  rounding: ErrorPart;
  clipping: ErrorPart & { low: number; high: number };
}

export function quantError(x: NumericTensor, params: TensorQuantParams): QuantError {
  checkQuantInput(x, params);
  let roundSq = 0,
    roundMax = 0,
    roundCount = 0,
    clipSq = 0,
    clipMax = 0,
    low = 0,
    high = 0;
  forEachRun(x.dims, params, (start, end, p) => {
    for (let i = start; i < end; i++) {
      const v = x.data[i];
      if (Number.isNaN(v))
        throw new ModelError('input', `NaN at index ${i} cannot be quantized`, { field: 'x' });
      const u = unsaturated(v, p);
      const q = u < p.qmin ? p.qmin : u > p.qmax ? p.qmax : u;
      const e = Math.abs(v - dequantizeValue(q, p));
      if (u === q) {
        roundCount++;
        roundSq += e * e;
        if (e > roundMax) roundMax = e;
      } else {
        if (u < q) low++;
        else high++;
        clipSq += e * e;
        if (e > clipMax) clipMax = e;
      }
    }
  });
  const n = x.data.length;
  const mean = (sq: number) => (n ? sq / n : 0);
  return {
    count: n,
    mse: mean(roundSq + clipSq),
    maxAbs: Math.max(roundMax, clipMax),
    rounding: { count: roundCount, mse: mean(roundSq), maxAbs: roundMax },
    clipping: { count: low + high, low, high, mse: mean(clipSq), maxAbs: clipMax },
  };
}
