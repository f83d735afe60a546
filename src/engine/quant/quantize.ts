// Quantize, dequantize and fake-quantize, bit for bit as ONNX QuantizeLinear / DequantizeLinear
// (opset 10–25) compute them with a float32 scale:
//   q = saturate(roundHalfEven(x / scale) + zeroPoint)      x / scale rounded to float32 first
//   x' = (q − zeroPoint) · scale                             the product rounded to float32
// Math.fround of a double quotient or product of float32 operands equals the IEEE float32 result
// (double has more than 2·24 + 2 significand bits, so the double rounding is innocuous).
import { ModelError } from '../errors';
import { allocate, numel, type Tensor } from '../ir/tensor';
import { forEachRun } from './channels';
import { checkParams, isPerChannel, roundHalfEven, type QuantParams, type TensorQuantParams } from './scheme';

/** Any row-major numeric tensor (a float32 Tensor is one). */
export interface NumericTensor {
  dims: readonly number[];
  data: ArrayLike<number>;
}

export type IntStorage = 'int8' | 'uint8' | 'int32';

/** The integer before saturation: the value the grid would need, used to tell rounding from clipping. */
export const unsaturated = (x: number, p: QuantParams): number =>
  roundHalfEven(Math.fround(x / p.scale)) + p.zeroPoint;

export function quantizeValue(x: number, p: QuantParams): number {
  const q = unsaturated(x, p);
  return q < p.qmin ? p.qmin : q > p.qmax ? p.qmax : q;
}

/** The integer is subtracted exactly, then converted to float32 (onnxruntime's order; exact below 2^24). */
export const dequantizeValue = (q: number, p: QuantParams): number =>
  Math.fround(Math.fround(q - p.zeroPoint) * p.scale);

/** The narrowest ONNX integer type holding [qmin, qmax]. */
export function storageFor(p: TensorQuantParams): IntStorage {
  const all = isPerChannel(p) ? p.channels : [p];
  const qmin = Math.min(...all.map((c) => c.qmin));
  const qmax = Math.max(...all.map((c) => c.qmax));
  if (qmin >= 0 && qmax <= 255) return 'uint8';
  if (qmin >= -128 && qmax <= 127) return 'int8';
  if (qmin >= -(2 ** 31) && qmax <= 2 ** 31 - 1) return 'int32';
  throw new ModelError('unsupported', `integer range [${qmin}, ${qmax}] does not fit int8, uint8 or int32`, {
    field: 'qmin/qmax',
  });
}

/** Checks the parameters (scale, zero point, range) and that the data fills its shape. */
export function checkQuantInput(x: NumericTensor, params: TensorQuantParams): void {
  if (isPerChannel(params)) params.channels.forEach((c, i) => checkParams(c, `channel ${i}`));
  else checkParams(params);
  if (x.data.length !== numel(x.dims))
    throw new ModelError(
      'input',
      `${x.data.length} values do not fill a tensor of shape [${x.dims.join(',')}]`,
      { field: 'dims' },
    );
}

/** Quantizes a float tensor; NaN has no integer and is rejected with its index. */
export function quantize(x: NumericTensor, params: TensorQuantParams): Tensor<IntStorage> {
  checkQuantInput(x, params);
  const dtype = storageFor(params);
  const out = allocate(dtype, x.data.length);
  forEachRun(x.dims, params, (start, end, p) => {
    for (let i = start; i < end; i++) {
      const v = x.data[i];
      if (Number.isNaN(v))
        throw new ModelError('input', `NaN at index ${i} cannot be quantized`, { field: 'x' });
      out[i] = quantizeValue(v, p);
    }
  });
  return { dtype, dims: [...x.dims], data: out };
}

export function dequantize(q: NumericTensor, params: TensorQuantParams): Tensor<'float32'> {
  checkQuantInput(q, params);
  const out = new Float32Array(q.data.length);
  forEachRun(q.dims, params, (start, end, p) => {
    for (let i = start; i < end; i++) out[i] = dequantizeValue(q.data[i], p);
  });
  return { dtype: 'float32', dims: [...q.dims], data: out };
}

/** dequantize(quantize(x)): the float tensor the quantized model actually sees. */
export function fakeQuantize(x: NumericTensor, params: TensorQuantParams): Tensor<'float32'> {
  return dequantize(quantize(x, params), params);
}
