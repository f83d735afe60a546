import { isInteger } from '../ir/tensor';
import { fail, NUMERIC } from './check';
import { binaryOp } from './elementwise';

// integer division truncates toward zero, like C (and unlike numpy's floor division)
export const Div = binaryOp({
  opType: 'Div',
  dtypes: NUMERIC,
  make: (ctx, dtype) =>
    isInteger(dtype)
      ? (a, b) => (b === 0 ? fail(ctx, 'integer division by zero') : Math.trunc(a / b))
      : (a, b) => a / b,
});
