// Where: condition ? X : Y elementwise, all three broadcast together.
import { broadcastDims, broadcastIndex, broadcastShapes } from './broadcast';
import { ANY, checkDtype, numeric, output, required, sameDtype } from './check';
import type { OpDef } from './types';

export const Where: OpDef = {
  opType: 'Where',
  domain: '',
  infer(ctx, inputs) {
    const [c, x, y] = [
      required(ctx, inputs, 0, 'condition'),
      required(ctx, inputs, 1, 'X'),
      required(ctx, inputs, 2, 'Y'),
    ];
    checkDtype(ctx, c.dtype, ['bool'], 'condition');
    checkDtype(ctx, x.dtype, ANY, 'X');
    sameDtype(ctx, x.dtype, y.dtype, 'X and Y');
    return [{ dtype: x.dtype, shape: broadcastDims(ctx, [c.shape, x.shape, y.shape]) }];
  },
  run(ctx, inputs) {
    const c = numeric(ctx, required(ctx, inputs, 0, 'condition'), 'condition');
    const x = numeric(ctx, required(ctx, inputs, 1, 'X'), 'X');
    const y = numeric(ctx, required(ctx, inputs, 2, 'Y'), 'Y');
    checkDtype(ctx, c.dtype, ['bool'], 'condition');
    sameDtype(ctx, x.dtype, y.dtype, 'X and Y');
    const dims = broadcastShapes(ctx, [c.dims, x.dims, y.dims]);
    const out = output(ctx, x.dtype, dims);
    const [ic, ix, iy] = [
      broadcastIndex(c.dims, dims),
      broadcastIndex(x.dims, dims),
      broadcastIndex(y.dims, dims),
    ];
    for (let i = 0; i < out.data.length; i++)
      out.data[i] = c.data[ic ? ic[i] : i] ? x.data[ix ? ix[i] : i] : y.data[iy ? iy[i] : i];
    return [out];
  },
};
