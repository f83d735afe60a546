// Conv: N-D convolution (1-D to 3-D here) with groups, strides, dilations and explicit or automatic
// padding, plus an optional bias per output channel. The loops are in convolve.ts.
import { checkDtype, fail, FLOATS, numeric, optional, output, required, sameDtype } from './check';
import { convGeometry, convWindows } from './convGeometry';
import { convolve } from './convolve';
import type { OpDef } from './types';

export const Conv: OpDef = {
  opType: 'Conv',
  domain: '',
  infer(ctx, inputs) {
    const [x, w] = [required(ctx, inputs, 0, 'X'), required(ctx, inputs, 1, 'W')];
    checkDtype(ctx, x.dtype, FLOATS, 'X');
    sameDtype(ctx, x.dtype, w.dtype, 'X and W');
    if (!x.shape || !w.shape) return [{ dtype: x.dtype, shape: null }];
    return [{ dtype: x.dtype, shape: convGeometry(ctx, x.shape, w.shape).dims }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'X'), 'X');
    const w = numeric(ctx, required(ctx, inputs, 1, 'W'), 'W');
    const b = optional(inputs, 2);
    checkDtype(ctx, x.dtype, FLOATS, 'X');
    sameDtype(ctx, x.dtype, w.dtype, 'X and W');
    const geometry = convGeometry(ctx, x.dims, w.dims);
    const windows = convWindows(ctx, geometry, x.dims);
    const y = output(ctx, x.dtype, geometry.dims as number[]);
    const sums = convolve({
      x: x.data,
      xDims: x.dims,
      w: w.data,
      wDims: w.dims,
      group: geometry.group,
      attrs: geometry.attrs,
      windows,
    });
    const M = w.dims[0];
    const bias = b ? numeric(ctx, b, 'B') : null;
    if (bias) {
      sameDtype(ctx, x.dtype, bias.dtype, 'X and B');
      if (bias.data.length !== M) fail(ctx, `B has ${bias.data.length} values for ${M} output channels`);
    }
    // y is [N, M, ...spatial]: one plane of outputs per (image, channel), each shifted by its channel's bias
    const plane = sums.length / (x.dims[0] * M) || 0;
    for (let nm = 0; nm < x.dims[0] * M; nm++) {
      const shift = bias ? bias.data[nm % M] : 0;
      for (let i = nm * plane; i < (nm + 1) * plane; i++) y.data[i] = sums[i] + shift;
    }
    return [y];
  },
};
