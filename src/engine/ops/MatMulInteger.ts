// MatMulInteger: (A − a_zero_point) · (B − b_zero_point) in int32. A's zero point is per tensor or per
// row (M values), B's per tensor or per column (N values).
import { checkDtype, fail, numeric, optional, output, required, type NumericTensor } from './check';
import { matmul, matmulDims } from './matrix';
import { centered } from './quantize';
import type { Tensor } from '../ir/tensor';
import type { OpContext, OpDef } from './types';

const BYTES = ['int8', 'uint8'] as const;

/** A or B minus its zero point: per row of A (axis −2) or per column of B (axis −1). */
export function centeredOperand(
  ctx: OpContext,
  x: NumericTensor,
  zeroPoint: Tensor | null,
  which: 'A' | 'B',
): Float64Array {
  if (zeroPoint && zeroPoint.data.length > 1 && x.dims.length < 2)
    fail(ctx, `a per-${which === 'A' ? 'row' : 'column'} zero point needs ${which} of rank ≥ 2`);
  if (zeroPoint) checkDtype(ctx, zeroPoint.dtype, [x.dtype], `${which}'s zero point`);
  return centered(ctx, x, zeroPoint, which === 'A' ? -2 : -1, `${which.toLowerCase()}_zero_point`);
}

export const MatMulInteger: OpDef = {
  opType: 'MatMulInteger',
  domain: '',
  infer(ctx, inputs) {
    const [a, b] = [required(ctx, inputs, 0, 'A'), required(ctx, inputs, 1, 'B')];
    checkDtype(ctx, a.dtype, BYTES, 'A');
    checkDtype(ctx, b.dtype, BYTES, 'B');
    return [{ dtype: 'int32', shape: a.shape && b.shape ? matmulDims(ctx, a.shape, b.shape) : null }];
  },
  run(ctx, inputs) {
    const a = numeric(ctx, required(ctx, inputs, 0, 'A'), 'A');
    const b = numeric(ctx, required(ctx, inputs, 1, 'B'), 'B');
    checkDtype(ctx, a.dtype, BYTES, 'A');
    checkDtype(ctx, b.dtype, BYTES, 'B');
    const A = centeredOperand(ctx, a, optional(inputs, 2), 'A');
    const B = centeredOperand(ctx, b, optional(inputs, 3), 'B');
    const product = matmul(ctx, { dims: a.dims, data: A }, { dims: b.dims, data: B });
    const y = output(ctx, 'int32', product.dims);
    y.data.set(product.data);
    return [y];
  },
};
