// Affine 8-bit quantization as QLinearConv uses it: real = scale · (q − zeroPoint). An int8/uint8 convolution
// accumulates Σ (x − zx)(w − zw) exactly in int32, then requantizes:
//   y = saturate(roundHalfEven(acc · sx·sw/sy) + zy)
// (ONNX QLinearConv; Jacob et al. 2018, "Quantization and Training of Neural Networks for Efficient
// Integer-Arithmetic-Only Inference", section 2.2). The multiplier sx·sw/sy is applied in double precision here.
// Choosing scales and quantizing tensors is the quantization module's job (src/engine/quant).
import { ModelError } from '../errors';
import { roundHalfEven } from '../quant/scheme';

export type QDType = 'uint8' | 'int8';

export const Q_RANGE: Record<QDType, readonly [number, number]> = { uint8: [0, 255], int8: [-128, 127] };

/** Scale and zero point of an 8-bit tensor (its range is its dtype's). */
export interface ScaleZeroPoint {
  scale: number;
  zeroPoint: number;
}

/** Weights may be quantized per tensor or per output channel (one scale and zero point per channel). */
export interface WeightQuantParams {
  scale: number | readonly number[];
  zeroPoint: number | readonly number[];
}

export interface ConvQuantParams {
  x: ScaleZeroPoint;
  w: WeightQuantParams;
  y: ScaleZeroPoint;
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

/** The stages of requantize(), for showing them: acc·multiplier, rounded half to even, plus the zero point, saturated. */
export function requantizeSteps(acc: number, multiplier: number, zeroPoint: number, dtype: QDType) {
  const scaled = acc * multiplier;
  const rounded = roundHalfEven(scaled);
  const shifted = rounded + zeroPoint;
  return { scaled, rounded, shifted, output: saturate(shifted, dtype) };
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
