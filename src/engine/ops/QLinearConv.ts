// QLinearConv: quantized convolution. acc = conv(x − x_zp, w − w_zp) + B exactly (B is int32), then
// y = saturate(round_half_even(acc · x_scale·w_scale/y_scale) + y_zp). w_scale and w_zp are per tensor
// or per output channel.
import {
  checkDtype,
  fail,
  FLOATS,
  numeric,
  optional,
  output,
  required,
  scalarOf,
  type NumericDType,
} from './check';
import { convGeometry, convWindows } from './convGeometry';
import { convolve } from './convolve';
import { centered, perAxis, requantScale, roundHalfEven, saturate } from './quantize';
import type { OpDef } from './types';

const BYTES = ['int8', 'uint8'] as const;

export const QLinearConv: OpDef = {
  opType: 'QLinearConv',
  domain: '',
  infer(ctx, inputs) {
    const [x, w] = [required(ctx, inputs, 0, 'x'), required(ctx, inputs, 3, 'w')];
    checkDtype(ctx, x.dtype, BYTES, 'x');
    checkDtype(ctx, w.dtype, BYTES, 'w');
    const dtype = required(ctx, inputs, 7, 'y_zero_point').dtype;
    checkDtype(ctx, dtype, BYTES, 'y_zero_point');
    if (!x.shape || !w.shape) return [{ dtype, shape: null }];
    return [{ dtype, shape: convGeometry(ctx, x.shape, w.shape).dims }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'x'), 'x');
    const w = numeric(ctx, required(ctx, inputs, 3, 'w'), 'w');
    checkDtype(ctx, x.dtype, BYTES, 'x');
    checkDtype(ctx, w.dtype, BYTES, 'w');
    const xScale = scalarOf(ctx, required(ctx, inputs, 1, 'x_scale'), 'x_scale');
    const yScale = scalarOf(ctx, required(ctx, inputs, 6, 'y_scale'), 'y_scale');
    const wScaleTensor = required(ctx, inputs, 4, 'w_scale');
    checkDtype(ctx, wScaleTensor.dtype, FLOATS, 'w_scale');
    const yZeroPoint = optional(inputs, 7);
    const dtype = (yZeroPoint?.dtype ?? x.dtype) as NumericDType;
    checkDtype(ctx, dtype, BYTES, 'y_zero_point');
    const yzp = yZeroPoint ? scalarOf(ctx, yZeroPoint, 'y_zero_point') : 0;

    const geometry = convGeometry(ctx, x.dims, w.dims);
    const windows = convWindows(ctx, geometry, x.dims);
    const y = output(ctx, dtype, geometry.dims as number[]);
    const X = centered(ctx, x, optional(inputs, 2), 1, 'x_zero_point');
    const W = centered(ctx, w, optional(inputs, 5), 0, 'w_zero_point');
    const acc = convolve({
      x: X,
      xDims: x.dims,
      w: W,
      wDims: w.dims,
      group: geometry.group,
      attrs: geometry.attrs,
      windows,
    });

    const M = w.dims[0];
    const wScale = perAxis(ctx, wScaleTensor, [M], 0, 'w_scale');
    const biasTensor = optional(inputs, 8);
    const bias = biasTensor ? numeric(ctx, biasTensor, 'B') : null;
    if (bias) {
      checkDtype(ctx, bias.dtype, ['int32'], 'B');
      if (bias.data.length !== M) fail(ctx, `B has ${bias.data.length} values for ${M} output channels`);
    }
    // acc is [N, M, ...spatial]: one plane per (image, output channel), with that channel's bias and scale
    const plane = acc.length / (x.dims[0] * M) || 0;
    for (let nm = 0; nm < x.dims[0] * M; nm++) {
      const m = nm % M;
      const shift = bias ? bias.data[m] : 0;
      const multiplier = requantScale(xScale, wScale(m), yScale);
      for (let i = nm * plane; i < (nm + 1) * plane; i++)
        y.data[i] = saturate(roundHalfEven((acc[i] + shift) * multiplier) + yzp, dtype);
    }
    return [y];
  },
};
