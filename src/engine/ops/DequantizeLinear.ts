// DequantizeLinear: y = (x − x_zero_point) · x_scale, per tensor or per axis; y has the scale's type.
import { attrInt } from './attrs';
import {
  checkDtype,
  FLOATS,
  numeric,
  optional,
  output,
  required,
  sameDtype,
  unsupported,
  type NumericDType,
} from './check';
import { perAxis } from './quantize';
import type { OpDef } from './types';

const QUANTIZED = ['int8', 'uint8', 'int16', 'uint16', 'int32'] as const;

export const DequantizeLinear: OpDef = {
  opType: 'DequantizeLinear',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'x');
    const scale = required(ctx, inputs, 1, 'x_scale');
    checkDtype(ctx, x.dtype, QUANTIZED, 'x');
    checkDtype(ctx, scale.dtype, FLOATS, 'x_scale');
    return [{ dtype: scale.dtype, shape: x.shape && [...x.shape] }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'x'), 'x');
    const scaleTensor = required(ctx, inputs, 1, 'x_scale');
    const zeroPoint = optional(inputs, 2);
    checkDtype(ctx, x.dtype, QUANTIZED, 'x');
    checkDtype(ctx, scaleTensor.dtype, FLOATS, 'x_scale');
    if (zeroPoint) sameDtype(ctx, x.dtype, zeroPoint.dtype, 'x and x_zero_point');
    if (attrInt(ctx, 'block_size', 0) !== 0)
      unsupported(ctx, 'blocked quantization (block_size > 0) is not supported');
    const axis = attrInt(ctx, 'axis', 1);
    const scale = perAxis(ctx, scaleTensor, x.dims, axis, 'x_scale');
    const zp = perAxis(ctx, zeroPoint, x.dims, axis, 'x_zero_point');
    const y = output(ctx, scaleTensor.dtype as NumericDType, x.dims);
    for (let i = 0; i < x.data.length; i++) y.data[i] = (x.data[i] - zp(i)) * scale(i);
    return [y];
  },
};
