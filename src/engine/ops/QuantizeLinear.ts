// QuantizeLinear: y = saturate(round_half_even(x / y_scale) + y_zero_point), per tensor or per axis.
// The output type is the zero point's (uint8 when absent, or the output_dtype attribute of opset 21).
import type { DType } from '../ir/tensor';
import { attrInt } from './attrs';
import {
  checkDtype,
  FLOATS,
  numeric,
  optional,
  output,
  required,
  unsupported,
  type NumericDType,
} from './check';
import { dtypeOfTo } from './casting';
import { like } from './infer';
import { perAxis, QUANT_RANGE, roundHalfEven, saturate } from './quantize';
import type { OpContext, OpDef } from './types';

function outputType(ctx: OpContext, zeroPoint: DType | undefined): NumericDType {
  const declared =
    ctx.opset >= 21 && attrInt(ctx, 'output_dtype', 0) !== 0
      ? dtypeOfTo(ctx, attrInt(ctx, 'output_dtype', 0))
      : undefined;
  const dtype = zeroPoint ?? declared ?? 'uint8';
  if (declared && zeroPoint && declared !== zeroPoint)
    unsupported(ctx, `output_dtype ${declared} differs from the zero point's type ${zeroPoint}`);
  if (!QUANT_RANGE[dtype] || dtype === 'int32')
    unsupported(ctx, `quantizing to ${dtype} is not supported (int8, uint8, int16, uint16 are)`);
  if (attrInt(ctx, 'block_size', 0) !== 0)
    unsupported(ctx, 'blocked quantization (block_size > 0) is not supported');
  return dtype as NumericDType;
}

export const QuantizeLinear: OpDef = {
  opType: 'QuantizeLinear',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'x');
    checkDtype(ctx, x.dtype, [...FLOATS, 'int32'], 'x');
    required(ctx, inputs, 1, 'y_scale');
    return [{ ...like(x), dtype: outputType(ctx, optional(inputs, 2)?.dtype) }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'x'), 'x');
    checkDtype(ctx, x.dtype, [...FLOATS, 'int32'], 'x');
    const scaleTensor = required(ctx, inputs, 1, 'y_scale');
    const zeroPoint = optional(inputs, 2);
    const dtype = outputType(ctx, zeroPoint?.dtype);
    const axis = attrInt(ctx, 'axis', 1);
    const scale = perAxis(ctx, scaleTensor, x.dims, axis, 'y_scale');
    const zp = perAxis(ctx, zeroPoint, x.dims, axis, 'y_zero_point');
    // x / scale in float32 when the scale is float32, as the spec's reference and onnxruntime compute it
    const div =
      scaleTensor.dtype === 'float32'
        ? (a: number, b: number) => Math.fround(a / b)
        : (a: number, b: number) => a / b;
    const y = output(ctx, dtype, x.dims);
    for (let i = 0; i < x.data.length; i++)
      y.data[i] = saturate(roundHalfEven(div(x.data[i], scale(i))) + zp(i), dtype);
    return [y];
  },
};
