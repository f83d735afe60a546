// ONNX QuantizeLinear and DequantizeLinear on tensors, with the operators' inputs and attributes:
// a scalar (or one-element) scale for per-tensor, a 1-D scale of length dims[axis] for per-axis
// quantization, an optional zero point of the same shape, `axis` defaulting to 1
// (onnx.ai/onnx/operators/onnx__QuantizeLinear.html, onnx__DequantizeLinear.html). Blocked quantization
// (opset 21 `block_size`) and float8/int4 types are not supported and say so.
import { ModelError } from '../errors';
import { type Tensor } from '../ir/tensor';
import { dequantize, quantize } from './quantize';
import { type QuantParams, type TensorQuantParams } from './scheme';

type LinearType = 'int8' | 'uint8' | 'int32';

const RANGES: Record<LinearType, { qmin: number; qmax: number }> = {
  int8: { qmin: -128, qmax: 127 },
  uint8: { qmin: 0, qmax: 255 },
  int32: { qmin: -(2 ** 31), qmax: 2 ** 31 - 1 },
};

function requireType<T extends string>(
  dtype: string,
  what: string,
  allowed: readonly T[],
): asserts dtype is T {
  if (!(allowed as readonly string[]).includes(dtype))
    throw new ModelError(
      'unsupported',
      `${what} of type ${dtype} is not supported (only ${allowed.join(', ')})`,
      { field: what },
    );
}

/** The operator's scale and zero-point inputs as per-tensor or per-axis parameters. */
export function linearParams(
  dims: readonly number[],
  scale: Tensor,
  zeroPoint: Tensor | null,
  axis: number,
  dtype: LinearType,
): TensorQuantParams {
  const range = RANGES[dtype];
  const scales = scale.data as ArrayLike<number>;
  const zps = zeroPoint ? (zeroPoint.data as ArrayLike<number>) : null;
  if (
    zeroPoint &&
    (zeroPoint.dims.length !== scale.dims.length || zeroPoint.dims.some((d, i) => d !== scale.dims[i]))
  )
    throw new ModelError(
      'invalid',
      `zero point shape [${zeroPoint.dims.join(',')}] differs from scale shape [${scale.dims.join(',')}]`,
      { field: 'zero_point' },
    );
  const channel = (i: number): QuantParams => ({ scale: scales[i], zeroPoint: zps ? zps[i] : 0, ...range });
  // A scalar or any one-element scale is per-tensor (onnxruntime: IsScalarOr1ElementVector).
  if (scales.length === 1) return channel(0);
  if (scale.dims.length !== 1)
    throw new ModelError(
      'unsupported',
      `scale of shape [${scale.dims.join(',')}]: only per-tensor and per-axis quantization are supported`,
      { field: 'scale' },
    );
  const rank = dims.length;
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank)
    throw new ModelError('invalid', `axis ${axis} is out of range for rank ${rank}`, { field: 'axis' });
  const a = axis < 0 ? axis + rank : axis;
  if (scales.length !== dims[a])
    throw new ModelError('invalid', `scale has ${scales.length} values but axis ${a} has ${dims[a]}`, {
      field: 'scale',
    });
  return { axis: a, channels: Array.from({ length: scales.length }, (_, i) => channel(i)) };
}

/** QuantizeLinear: y = saturate(round(x / y_scale) + y_zero_point); y is uint8 when the zero point is omitted. */
export function quantizeLinear(x: Tensor, yScale: Tensor, yZeroPoint: Tensor | null, axis = 1): Tensor {
  requireType(x.dtype, 'x', ['float32']);
  requireType(yScale.dtype, 'y_scale', ['float32']);
  const dtype: string = yZeroPoint ? yZeroPoint.dtype : 'uint8';
  requireType(dtype, 'y_zero_point', ['int8', 'uint8'] as const);
  // The storage quantize() picks for the full int8 / uint8 range is that type.
  return quantize(x as Tensor<'float32'>, linearParams(x.dims, yScale, yZeroPoint, axis, dtype));
}

/** DequantizeLinear: y = (x − x_zero_point) · x_scale, float32. */
export function dequantizeLinear(
  x: Tensor,
  xScale: Tensor,
  xZeroPoint: Tensor | null,
  axis = 1,
): Tensor<'float32'> {
  const dtype: string = x.dtype;
  requireType(dtype, 'x', ['int8', 'uint8', 'int32'] as const);
  requireType(xScale.dtype, 'x_scale', ['float32']);
  if (xZeroPoint && xZeroPoint.dtype !== dtype)
    throw new ModelError('invalid', `x_zero_point is ${xZeroPoint.dtype} but x is ${dtype}`, {
      field: 'x_zero_point',
    });
  return dequantize(x as Tensor<LinearType>, linearParams(x.dims, xScale, xZeroPoint, axis, dtype));
}
