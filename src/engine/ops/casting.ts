// Element conversion shared by Cast and CastLike, following C/numpy casts: floats to integers truncate
// toward zero (then wrap, as the typed arrays do), anything to bool is "≠ 0", NaN to an integer is 0.
import { isInteger, type DType } from '../ir/tensor';
import { dtypeOfCode } from '../onnx/decode';
import { isModelError } from '../errors';
import { ANY, checkDtype, fail, numeric, output, type NumericDType, type NumericTensor } from './check';
import type { OpContext } from './types';

export function castTensor(ctx: OpContext, x: NumericTensor, to: NumericDType) {
  const y = output(ctx, to, x.dims);
  const convert: (v: number) => number =
    to === 'bool'
      ? (v) => (v !== 0 ? 1 : 0)
      : isInteger(to)
        ? (v) => (Number.isNaN(v) ? 0 : Math.trunc(v))
        : (v) => v;
  for (let i = 0; i < x.data.length; i++) y.data[i] = convert(x.data[i]);
  return y;
}

/** The dtype named by Cast's `to` attribute (a TensorProto.DataType code). */
export function dtypeOfTo(ctx: OpContext, code: number): NumericDType {
  let dtype: DType;
  try {
    dtype = dtypeOfCode(code, 'attribute to');
  } catch (e) {
    return fail(ctx, isModelError(e) ? e.message : String(e), 'attribute to');
  }
  checkDtype(ctx, dtype, ANY, 'attribute to');
  return dtype as NumericDType;
}

export const castInput = (ctx: OpContext, x: Parameters<typeof numeric>[1]) => {
  checkDtype(ctx, x.dtype, ANY, 'input');
  return numeric(ctx, x, 'input');
};
