// Affine 8-bit quantization as QLinearConv uses it: real = scale · (q − zeroPoint). An int8/uint8 convolution
// accumulates Σ (x − zx)(w − zw) exactly in int32, then requantizes:
//   y = saturate(roundHalfEven(acc · sx·sw/sy) + zy)
// (ONNX QLinearConv; Jacob et al. 2018, "Quantization and Training of Neural Networks for Efficient
// Integer-Arithmetic-Only Inference", section 2.2). The multiplier sx·sw/sy is applied in double precision here.
import { ModelError } from '../errors';
import { roundHalfEven } from './rounding';

export type QDType = 'uint8' | 'int8';

export const Q_RANGE: Record<QDType, readonly [number, number]> = { uint8: [0, 255], int8: [-128, 127] };

export interface QuantParams {
  scale: number;
  zeroPoint: number;
}

/** Weights may be quantized per tensor or per output channel (one scale and zero point per channel). */
export interface WeightQuantParams {
  scale: number | readonly number[];
  zeroPoint: number | readonly number[];
}

export interface ConvQuantParams {
  x: QuantParams;
  w: WeightQuantParams;
  y: QuantParams;
  /** dtype of the output; defaults to the input's. */
  yDtype?: QDType;
}

export function saturate(v: number, dtype: QDType): number {
  const [lo, hi] = Q_RANGE[dtype];
  return v < lo ? lo : v > hi ? hi : v;
}

/** The 8-bit output of an int32 accumulator, given multiplier = sx·sw/sy. */
export function requantize(acc: number, multiplier: number, zeroPoint: number, dtype: QDType): number {
  return saturate(roundHalfEven(acc * multiplier) + zeroPoint, dtype);
}

/** q = saturate(roundHalfEven(v / scale) + zeroPoint), as ONNX QuantizeLinear. */
export function quantize(v: number, { scale, zeroPoint }: QuantParams, dtype: QDType): number {
  return saturate(roundHalfEven(v / scale) + zeroPoint, dtype);
}

export const dequantize = (q: number, { scale, zeroPoint }: QuantParams) => scale * (q - zeroPoint);

/**
 * Parameters mapping [min(lo, 0), max(hi, 0)] onto the dtype's range (0 must be exactly representable, so
 * padding quantizes to the zero point). symmetric: zero point 0 (int8) or 128 (uint8), scale max|v| / 127.
 */
export function chooseQuantParams(lo: number, hi: number, dtype: QDType, symmetric = false): QuantParams {
  const [qmin, qmax] = Q_RANGE[dtype];
  if (symmetric) {
    const scale = Math.max(Math.abs(lo), Math.abs(hi)) / 127 || 1;
    return { scale, zeroPoint: dtype === 'int8' ? 0 : 128 };
  }
  const min = Math.min(lo, 0);
  const max = Math.max(hi, 0);
  const scale = (max - min) / (qmax - qmin) || 1;
  return { scale, zeroPoint: saturate(roundHalfEven(qmin - min / scale), dtype) };
}

/** Checks the quantization parameters of a convolution with M output channels; returns per-channel accessors. */
export function checkConvQuant(q: ConvQuantParams, m: number, xDtype: QDType, wDtype: QDType) {
  const scale = (what: string, s: number) => {
    if (!(Number.isFinite(s) && s > 0))
      throw new ModelError('invalid', `${what} must be a positive finite number, got ${s}`, { field: what });
  };
  const zero = (what: string, z: number, dtype: QDType) => {
    if (!Number.isInteger(z) || saturate(z, dtype) !== z)
      throw new ModelError('invalid', `${what} must be an integer in the ${dtype} range, got ${z}`, {
        field: what,
      });
  };
  const perChannel = (what: string, v: number | readonly number[]) => {
    if (typeof v === 'number') return () => v;
    if (v.length !== m)
      throw new ModelError('invalid', `${what} has ${v.length} values; per-channel needs M=${m}`, {
        field: what,
      });
    return (i: number) => v[i];
  };
  scale('x_scale', q.x.scale);
  scale('y_scale', q.y.scale);
  zero('x_zero_point', q.x.zeroPoint, xDtype);
  zero('y_zero_point', q.y.zeroPoint, q.yDtype ?? xDtype);
  const wScale = perChannel('w_scale', q.w.scale);
  const wZero = perChannel('w_zero_point', q.w.zeroPoint);
  for (let i = 0; i < m; i++) {
    scale('w_scale', wScale(i));
    zero('w_zero_point', wZero(i), wDtype);
  }
  return { wScale, wZero, multiplier: (i: number) => (q.x.scale * wScale(i)) / q.y.scale };
}
