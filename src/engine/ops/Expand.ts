// Expand: broadcasts the input against a shape (bidirectionally: a 1 in the shape keeps the input's dim).
import { broadcastDims, broadcastIndex, broadcastShapes } from './broadcast';
import { checkDims, intList, numeric, output, required } from './check';
import { constInts, unknownDims } from './infer';
import type { OpDef } from './types';

export const Expand: OpDef = {
  opType: 'Expand',
  domain: '',
  infer(ctx, inputs, constants) {
    const x = required(ctx, inputs, 0, 'input');
    const shape = constInts(ctx, constants, 1, 'shape');
    if (!shape) {
      const rank = required(ctx, inputs, 1, 'shape').shape?.[0];
      const xr = x.shape?.length;
      return [
        {
          dtype: x.dtype,
          shape: typeof rank === 'number' && xr !== undefined ? unknownDims(Math.max(rank, xr)) : null,
        },
      ];
    }
    const dims = broadcastDims(ctx, [x.shape, shape]);
    if (dims)
      checkDims(
        ctx,
        dims.filter((d): d is number => typeof d === 'number'),
      );
    return [{ dtype: x.dtype, shape: dims }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'input'), 'input');
    const shape = intList(ctx, required(ctx, inputs, 1, 'shape'), 'shape');
    checkDims(ctx, shape, 'shape');
    const dims = broadcastShapes(ctx, [x.dims, shape]);
    const y = output(ctx, x.dtype, dims);
    const index = broadcastIndex(x.dims, dims);
    for (let i = 0; i < y.data.length; i++) y.data[i] = x.data[index ? index[i] : i];
    return [y];
  },
};
