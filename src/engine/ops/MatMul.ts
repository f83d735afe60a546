import { checkDtype, FLOATS, INTEGERS, numeric, output, required, sameDtype } from './check';
import { matmul, matmulDims } from './matrix';
import type { OpDef } from './types';

const DTYPES = [...FLOATS, ...INTEGERS];

export const MatMul: OpDef = {
  opType: 'MatMul',
  domain: '',
  infer(ctx, inputs) {
    const [a, b] = [required(ctx, inputs, 0, 'A'), required(ctx, inputs, 1, 'B')];
    checkDtype(ctx, a.dtype, DTYPES, 'A');
    sameDtype(ctx, a.dtype, b.dtype, 'A and B');
    return [{ dtype: a.dtype, shape: a.shape && b.shape ? matmulDims(ctx, a.shape, b.shape) : null }];
  },
  run(ctx, inputs) {
    const a = numeric(ctx, required(ctx, inputs, 0, 'A'), 'A');
    const b = numeric(ctx, required(ctx, inputs, 1, 'B'), 'B');
    checkDtype(ctx, a.dtype, DTYPES, 'A');
    sameDtype(ctx, a.dtype, b.dtype, 'A and B');
    const product = matmul(ctx, a, b);
    const y = output(ctx, a.dtype, product.dims);
    y.data.set(product.data);
    return [y];
  },
};
