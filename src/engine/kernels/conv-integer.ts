// The integer reference of quantized convolution: direct convolution of 8-bit tensors accumulated exactly in
// int32 (ONNX ConvInteger), then requantized (ONNX QLinearConv). The oracle of the quantized indirect kernel.
import type { Tensor } from '../ir/tensor';
import { ModelError } from '../errors';
import { checkConvInputs, type ConvParams, type ConvShape } from './conv-shape';
import { validTaps } from './direct';
import { checkConvQuant, requantize, type ConvQuantParams, type QDType } from './requantize';

export type QTensor = Tensor<'uint8'> | Tensor<'int8'>;
const Q_TYPES = ['uint8', 'int8'] as const;
export const QUANT_DTYPES = { x: Q_TYPES, w: Q_TYPES, bias: ['int32'] } as const;

const INT32_MAX = 2 ** 31 - 1;

/** Throws unless every accumulator of this convolution fits in int32 whatever the 8-bit values. */
export function checkAccumulatorRange(s: ConvShape, bias: ArrayLike<number> | null): void {
  let maxBias = 0;
  if (bias) for (let i = 0; i < bias.length; i++) maxBias = Math.max(maxBias, Math.abs(bias[i]));
  // |x − zx| ≤ 255 and |w − zw| ≤ 255.
  const bound = s.cg * s.kh * s.kw * 255 * 255 + maxBias;
  if (bound > INT32_MAX)
    throw new ModelError(
      'limit',
      `an int32 accumulator of this convolution could reach ${bound}, past int32 (${INT32_MAX})`,
    );
}

/**
 * int32 accumulators Σ (x − zx)(w − zw) (+ bias) of an 8-bit NCHW convolution; padding taps are skipped (they are
 * x = zx, contributing 0).
 */
export function convIntegerReference(
  x: QTensor,
  w: QTensor,
  bias: Tensor<'int32'> | null,
  params: ConvParams,
  xZeroPoint: number,
  wZeroPoint: (m: number) => number,
): { acc: Int32Array; shape: ConvShape } {
  const s = checkConvInputs(x, w, bias, params, QUANT_DTYPES);
  checkAccumulatorRange(s, bias?.data ?? null);
  const { c: C, h: H, w: W, kh: KH, kw: KW, oh: OH, ow: OW, cg: CG, mg: MG } = s;
  const acc = new Int32Array(s.n * s.m * OH * OW);
  for (let n = 0, o = 0; n < s.n; n++)
    for (let m = 0; m < s.m; m++) {
      const c0 = Math.floor(m / MG) * CG;
      const zw = wZeroPoint(m);
      for (let oh = 0; oh < OH; oh++) {
        const ih0 = oh * s.strideH - s.padTop;
        const [khLo, khHi] = validTaps(ih0, H, KH, s.dilationH);
        for (let ow = 0; ow < OW; ow++, o++) {
          const iw0 = ow * s.strideW - s.padLeft;
          const [kwLo, kwHi] = validTaps(iw0, W, KW, s.dilationW);
          let sum = bias ? bias.data[m] : 0;
          for (let ci = 0; ci < CG; ci++)
            for (let r = khLo; r < khHi; r++)
              for (let q = kwLo; q < kwHi; q++) {
                const xv =
                  x.data[((n * C + c0 + ci) * H + ih0 + r * s.dilationH) * W + iw0 + q * s.dilationW];
                sum += (xv - xZeroPoint) * (w.data[((m * CG + ci) * KH + r) * KW + q] - zw);
              }
          acc[o] = sum;
        }
      }
    }
  return { acc, shape: s };
}

/** QLinearConv computed directly: int32 accumulators, then requantized to 8 bits. */
export function convQLinearReference(
  x: QTensor,
  w: QTensor,
  bias: Tensor<'int32'> | null,
  params: ConvParams,
  quant: ConvQuantParams,
): QTensor {
  const q = checkConvQuant(quant, checkConvInputs(x, w, bias, params, QUANT_DTYPES).m, x.dtype, w.dtype);
  const { acc, shape } = convIntegerReference(x, w, bias, params, quant.x.zeroPoint, q.wZero);
  const dtype: QDType = quant.yDtype ?? x.dtype;
  const data = dtype === 'uint8' ? new Uint8Array(acc.length) : new Int8Array(acc.length);
  const plane = shape.oh * shape.ow;
  for (let i = 0; i < acc.length; i++) {
    const ch = Math.floor(i / plane) % shape.m;
    data[i] = requantize(acc[i], q.multiplier(ch), quant.y.zeroPoint, dtype);
  }
  return { dtype, dims: [shape.n, shape.m, shape.oh, shape.ow], data } as QTensor;
}
