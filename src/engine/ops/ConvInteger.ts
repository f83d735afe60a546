// ConvInteger: the convolution of (X − x_zero_point) and (W − w_zero_point) in int32. The weight zero
// point is per tensor or per output channel.
import { checkDtype, numeric, optional, output, required } from './check';
import { convGeometry, convWindows } from './convGeometry';
import { convolve } from './convolve';
import { centered } from './quantize';
import type { OpDef } from './types';

const BYTES = ['int8', 'uint8'] as const;

export const ConvInteger: OpDef = {
  opType: 'ConvInteger',
  domain: '',
  infer(ctx, inputs) {
    const [x, w] = [required(ctx, inputs, 0, 'x'), required(ctx, inputs, 1, 'w')];
    checkDtype(ctx, x.dtype, BYTES, 'x');
    checkDtype(ctx, w.dtype, BYTES, 'w');
    if (!x.shape || !w.shape) return [{ dtype: 'int32', shape: null }];
    return [{ dtype: 'int32', shape: convGeometry(ctx, x.shape, w.shape).dims }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'x'), 'x');
    const w = numeric(ctx, required(ctx, inputs, 1, 'w'), 'w');
    checkDtype(ctx, x.dtype, BYTES, 'x');
    checkDtype(ctx, w.dtype, BYTES, 'w');
    const geometry = convGeometry(ctx, x.dims, w.dims);
    const windows = convWindows(ctx, geometry, x.dims);
    const y = output(ctx, 'int32', geometry.dims as number[]);
    const X = centered(ctx, x, optional(inputs, 2), 1, 'x_zero_point');
    const W = centered(ctx, w, optional(inputs, 3), 0, 'w_zero_point');
    y.data.set(
      convolve({
        x: X,
        xDims: x.dims,
        w: W,
        wDims: w.dims,
        group: geometry.group,
        attrs: geometry.attrs,
        windows,
      }),
    );
    return [y];
  },
};
