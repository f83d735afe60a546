// GlobalAveragePool / GlobalMaxPool: one value per (n, c) over all spatial positions; Y is [N, C, 1, …].
import { checkDtype, fail, FLOATS, numeric, output, required } from './check';
import type { OpDef } from './types';

export function globalPool(
  opType: string,
  reduce: (values: ArrayLike<number>, from: number, to: number) => number,
): OpDef {
  return {
    opType,
    domain: '',
    infer(ctx, inputs) {
      const x = required(ctx, inputs, 0, 'X');
      checkDtype(ctx, x.dtype, FLOATS, 'X');
      if (!x.shape) return [{ dtype: x.dtype, shape: null }];
      if (x.shape.length < 3) fail(ctx, `X must be [N, C, D1, …], got [${x.shape.join(', ')}]`);
      return [{ dtype: x.dtype, shape: [x.shape[0], x.shape[1], ...x.shape.slice(2).map(() => 1)] }];
    },
    run(ctx, inputs) {
      const x = numeric(ctx, required(ctx, inputs, 0, 'X'), 'X');
      checkDtype(ctx, x.dtype, FLOATS, 'X');
      if (x.dims.length < 3) fail(ctx, `X must be [N, C, D1, …], got [${x.dims.join(', ')}]`);
      const y = output(ctx, x.dtype, [x.dims[0], x.dims[1], ...x.dims.slice(2).map(() => 1)]);
      const plane = x.dims.slice(2).reduce((a, b) => a * b, 1);
      for (let i = 0; i < y.data.length; i++) y.data[i] = reduce(x.data, i * plane, (i + 1) * plane);
      return [y];
    },
  };
}
