// QLinearMatMul: quantized A·B. acc = (A − a_zp)·(B − b_zp) exactly, then
// y = saturate(round_half_even(acc · a_scale·b_scale/y_scale) + y_zp) in y_zp's type.
import {
  checkDtype,
  fail,
  FLOATS,
  numeric,
  optional,
  output,
  required,
  scalarOf,
  type NumericDType,
} from './check';
import { matmul, matmulDims } from './matrix';
import { centeredOperand } from './MatMulInteger';
import { perAxis, requantScale, roundHalfEven, saturate } from './quantize';
import type { OpDef } from './types';

const BYTES = ['int8', 'uint8'] as const;

export const QLinearMatMul: OpDef = {
  opType: 'QLinearMatMul',
  domain: '',
  infer(ctx, inputs) {
    const [a, b] = [required(ctx, inputs, 0, 'a'), required(ctx, inputs, 3, 'b')];
    checkDtype(ctx, a.dtype, BYTES, 'a');
    checkDtype(ctx, b.dtype, BYTES, 'b');
    const yzp = required(ctx, inputs, 7, 'y_zero_point');
    checkDtype(ctx, yzp.dtype, BYTES, 'y_zero_point');
    return [{ dtype: yzp.dtype, shape: a.shape && b.shape ? matmulDims(ctx, a.shape, b.shape) : null }];
  },
  run(ctx, inputs) {
    const a = numeric(ctx, required(ctx, inputs, 0, 'a'), 'a');
    const b = numeric(ctx, required(ctx, inputs, 3, 'b'), 'b');
    checkDtype(ctx, a.dtype, BYTES, 'a');
    checkDtype(ctx, b.dtype, BYTES, 'b');
    const aScale = required(ctx, inputs, 1, 'a_scale');
    const bScale = required(ctx, inputs, 4, 'b_scale');
    const yScale = required(ctx, inputs, 6, 'y_scale');
    for (const s of [aScale, bScale, yScale]) checkDtype(ctx, s.dtype, FLOATS, 'scales');
    const yZeroPoint = optional(inputs, 7);
    const dtype = (yZeroPoint?.dtype ?? a.dtype) as NumericDType;
    checkDtype(ctx, dtype, BYTES, 'y_zero_point');
    const A = centeredOperand(ctx, a, optional(inputs, 2), 'A');
    const B = centeredOperand(ctx, b, optional(inputs, 5), 'B');
    const acc = matmul(ctx, { dims: a.dims, data: A }, { dims: b.dims, data: B });
    const dims = acc.dims;
    if ((aScale.data.length > 1 && a.dims.length < 2) || (bScale.data.length > 1 && b.dims.length < 2))
      fail(ctx, 'per-row / per-column scales need operands of rank ≥ 2');
    const rowScale = perAxis(ctx, aScale, dims, dims.length - 2, 'a_scale');
    const colScale = perAxis(ctx, bScale, dims, dims.length - 1, 'b_scale');
    const ys = scalarOf(ctx, yScale, 'y_scale');
    const yzp = yZeroPoint ? scalarOf(ctx, yZeroPoint, 'y_zero_point') : 0;
    const y = output(ctx, dtype, dims);
    for (let i = 0; i < y.data.length; i++)
      y.data[i] = saturate(
        roundHalfEven(acc.data[i] * requantScale(rowScale(i), colScale(i), ys)) + yzp,
        dtype,
      );
    return [y];
  },
};
