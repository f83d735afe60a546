// PRelu: x < 0 ? slope·x : x, the slope broadcast to X's shape (unidirectionally: Y has X's shape).
import { broadcastDims } from './broadcast';
import { checkDtype, fail, numeric, required, sameDtype, SIGNED } from './check';
import { broadcastBinary } from './elementwise';
import type { OpDef } from './types';

export const PRelu: OpDef = {
  opType: 'PRelu',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'X');
    const slope = required(ctx, inputs, 1, 'slope');
    checkDtype(ctx, x.dtype, SIGNED, 'X');
    sameDtype(ctx, x.dtype, slope.dtype, 'X and slope');
    broadcastDims(ctx, [x.shape, slope.shape]);
    return [{ dtype: x.dtype, shape: x.shape && [...x.shape] }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'X'), 'X');
    const slope = numeric(ctx, required(ctx, inputs, 1, 'slope'), 'slope');
    checkDtype(ctx, x.dtype, SIGNED, 'X');
    sameDtype(ctx, x.dtype, slope.dtype, 'X and slope');
    const y = broadcastBinary(ctx, x, slope, x.dtype, (v, s) => (v < 0 ? s * v : v));
    if (y.dims.length !== x.dims.length || y.dims.some((d, i) => d !== x.dims[i]))
      fail(
        ctx,
        `slope of shape [${slope.dims.join(', ')}] does not broadcast to X of shape [${x.dims.join(', ')}]`,
      );
    return [y];
  },
};
