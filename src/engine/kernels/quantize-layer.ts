// A float convolution layer quantized the way QNNPACK-style inference runs it: the input asymmetric uint8 from
// its min/max, the weights symmetric int8 per output channel, the bias int32 at scale sx·sw (so it adds straight
// into the int32 accumulator), the output uint8 over a given float range.
import type { Tensor } from '../ir/tensor';
import { quantizeValue } from '../quant/quantize';
import {
  computeParams,
  INT8_SYMMETRIC,
  roundHalfEven,
  UINT8_ASYMMETRIC,
  type QuantParams,
} from '../quant/scheme';
import { checkConvInputs, type ConvParams } from './conv-shape';
import type { QTensor } from './conv-integer';
import type { ConvQuantParams } from './requantize';

export interface QuantizedConvLayer {
  x: QTensor;
  w: QTensor;
  bias: Tensor<'int32'> | null;
  quant: ConvQuantParams;
  /** Parameters of the output, to dequantize it. */
  y: QuantParams;
}

export function minMax(a: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    lo = Math.min(lo, a[i]);
    hi = Math.max(hi, a[i]);
  }
  return a.length ? [lo, hi] : [0, 0];
}

/** `outputRange` is the float output's [min, max] (e.g. from the reference); default [−1, 1]. */
export function quantizeConvLayer(
  x: Tensor<'float32'>,
  w: Tensor<'float32'>,
  bias: Tensor<'float32'> | null,
  params: ConvParams,
  outputRange: [number, number] = [-1, 1],
): QuantizedConvLayer {
  const s = checkConvInputs(x, w, bias, params);
  const xq = computeParams(...minMax(x.data), UINT8_ASYMMETRIC);
  const perChannel = s.cg * s.kh * s.kw;
  const wq: QuantParams[] = Array.from({ length: s.m }, (_, m) =>
    computeParams(...minMax(w.data.subarray(m * perChannel, (m + 1) * perChannel)), INT8_SYMMETRIC),
  );
  const yq = computeParams(...outputRange, UINT8_ASYMMETRIC);
  return {
    x: { dtype: 'uint8', dims: x.dims, data: Uint8Array.from(x.data, (v) => quantizeValue(v, xq)) },
    w: {
      dtype: 'int8',
      dims: w.dims,
      data: Int8Array.from(w.data, (v, i) => quantizeValue(v, wq[Math.floor(i / perChannel)])),
    },
    bias: bias && {
      dtype: 'int32',
      dims: bias.dims,
      data: Int32Array.from(bias.data, (v, m) => roundHalfEven(v / (xq.scale * wq[m].scale))),
    },
    quant: { x: xq, w: { scale: wq.map((p) => p.scale), zeroPoint: 0 }, y: yq },
    y: yq,
  };
}
