// Range: start, start + delta, … up to (not including) limit; max(ceil((limit − start) / delta), 0) values.
import { checkDims, checkDtype, fail, FLOATS, numeric, output, required, sameDtype, scalarOf } from './check';
import type { Tensor } from '../ir/tensor';
import type { OpContext, OpDef } from './types';

const DTYPES = [...FLOATS, 'int16', 'int32', 'int64'] as const;

function count(ctx: OpContext, start: number, limit: number, delta: number): number {
  if (delta === 0) fail(ctx, 'delta is 0');
  const n = Math.max(Math.ceil((limit - start) / delta), 0);
  checkDims(ctx, [n]);
  return n;
}

export const Range: OpDef = {
  opType: 'Range',
  domain: '',
  infer(ctx, inputs, constants) {
    const types = [0, 1, 2].map((i) => required(ctx, inputs, i, ['start', 'limit', 'delta'][i]));
    checkDtype(ctx, types[0].dtype, DTYPES, 'start');
    types.forEach((t) => sameDtype(ctx, types[0].dtype, t.dtype, 'start, limit and delta'));
    const values = [0, 1, 2].map((i) => constants[i]);
    if (values.every((v): v is Tensor => !!v)) {
      const [s, l, d] = values.map((v, i) => scalarOf(ctx, v, ['start', 'limit', 'delta'][i]));
      return [{ dtype: types[0].dtype, shape: [count(ctx, s, l, d)] }];
    }
    return [{ dtype: types[0].dtype, shape: ['?'] }];
  },
  run(ctx, inputs) {
    const [start, limit, delta] = [0, 1, 2].map((i) =>
      numeric(ctx, required(ctx, inputs, i, ['start', 'limit', 'delta'][i]), 'input'),
    );
    checkDtype(ctx, start.dtype, DTYPES, 'start');
    [limit, delta].forEach((t) => sameDtype(ctx, start.dtype, t.dtype, 'start, limit and delta'));
    const [s, l, d] = [
      scalarOf(ctx, start, 'start'),
      scalarOf(ctx, limit, 'limit'),
      scalarOf(ctx, delta, 'delta'),
    ];
    const y = output(ctx, start.dtype, [count(ctx, s, l, d)]);
    for (let i = 0; i < y.data.length; i++) y.data[i] = s + i * d;
    return [y];
  },
};
