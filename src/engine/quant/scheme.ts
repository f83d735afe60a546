// Quantization schemes and their parameters: how a float range [rmin, rmax] becomes a scale and a
// zero point, so that x ≈ (q − zeroPoint) · scale with q an integer in [qmin, qmax].
//
// Conventions follow ONNX QuantizeLinear/DequantizeLinear and onnxruntime's quantization tool
// (onnxruntime/python/tools/quantization/quant_utils.py, compute_scale_zp):
//  - the range is widened to include 0, so that 0 is exactly representable (zero padding, ReLU);
//  - the zero point is an integer in [qmin, qmax], rounded half to even;
//  - symmetric signed schemes compute the scale over the restricted range [-(2^(b-1) - 1), 2^(b-1) - 1]
//    (int8: ±127) with zero point 0. Dropping -128 keeps the grid symmetric, so x and -x quantize to
//    q and -q, and bounds int8·int8 products to 127², so that two of them sum in int16 without overflow.
//    (x86's pmaddubsw multiplies uint8 by int8 and can still saturate: hence onnxruntime's reduce_range.)
//    TensorRT uses the same ±127 grid. Saturation still uses the full
//    type range [-128, 127], exactly as QuantizeLinear does at run time: only a value below the
//    calibrated range can land on -128.
import { ModelError } from '../errors';

export interface QuantScheme {
  /** Bits of the integer grid, 2–8 (8 is int8/uint8; fewer bits for the explorer's slider). */
  bits: number;
  /** Signed (int8-like, two's complement range) or unsigned (uint8-like) integers. */
  signed: boolean;
  /** Symmetric: the range is [-max|x|, max|x|] and the zero point is the middle of the grid. */
  symmetric: boolean;
}

/** Per-tensor parameters: x ≈ (q − zeroPoint) · scale, q saturated to [qmin, qmax]. */
export interface QuantParams {
  scale: number;
  zeroPoint: number;
  qmin: number;
  qmax: number;
}

/** Per-channel parameters: channel c along `axis` uses channels[c]. */
export interface ChannelQuantParams {
  axis: number;
  channels: QuantParams[];
}

export type TensorQuantParams = QuantParams | ChannelQuantParams;

export const isPerChannel = (p: TensorQuantParams): p is ChannelQuantParams => 'channels' in p;

export const INT8_SYMMETRIC: QuantScheme = { bits: 8, signed: true, symmetric: true };
export const INT8_ASYMMETRIC: QuantScheme = { bits: 8, signed: true, symmetric: false };
export const UINT8_ASYMMETRIC: QuantScheme = { bits: 8, signed: false, symmetric: false };

/** float32's smallest normal number: a smaller scale would underflow (numpy.finfo(float32).tiny). */
const FLOAT32_TINY = 1.1754943508222875e-38;

export function checkScheme(scheme: QuantScheme): void {
  if (!Number.isInteger(scheme.bits) || scheme.bits < 2 || scheme.bits > 8)
    throw new ModelError('input', `quantization bits must be an integer from 2 to 8, got ${scheme.bits}`, {
      field: 'bits',
    });
}

/** The integer type's full range: what QuantizeLinear saturates to. */
export function typeRange(scheme: QuantScheme): { qmin: number; qmax: number } {
  checkScheme(scheme);
  return scheme.signed
    ? { qmin: -(2 ** (scheme.bits - 1)), qmax: 2 ** (scheme.bits - 1) - 1 }
    : { qmin: 0, qmax: 2 ** scheme.bits - 1 };
}

/** The range the scale is computed over: the type range, minus its lowest value for symmetric signed schemes. */
export function scaleRange(scheme: QuantScheme): { qmin: number; qmax: number } {
  const { qmin, qmax } = typeRange(scheme);
  return scheme.symmetric && scheme.signed ? { qmin: qmin + 1, qmax } : { qmin, qmax };
}

/** Round half to even (banker's rounding), as ONNX QuantizeLinear and numpy.round do. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f; // exact for every finite double
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Scale and zero point for the float range [rmin, rmax] (the formulas of onnxruntime's compute_scale_zp).
 * The scale is computed in float64 and stored as float32, the zero point from the float64 scale. (The
 * onnxruntime tool subtracts float32 range ends in float32 first, so its scale can differ in the last bit.) A range of width 0
 * (all zeros) gets scale 1, so that quantizing it is exact (onnxruntime also uses zero point 0 there
 * for symmetric uint8; the middle of the grid is kept here so that the zero point never depends on the data).
 */
export function computeParams(rmin: number, rmax: number, scheme: QuantScheme): QuantParams {
  if (!Number.isFinite(rmin) || !Number.isFinite(rmax) || rmin > rmax)
    throw new ModelError(
      'input',
      `quantization range must be finite with min ≤ max, got [${rmin}, ${rmax}]`,
      { field: 'range' },
    );
  const { qmin, qmax } = typeRange(scheme);
  const grid = scaleRange(scheme);
  let lo = Math.min(rmin, 0);
  let hi = Math.max(rmax, 0);
  if (scheme.symmetric) {
    const absMax = Math.max(-lo, hi);
    lo = -absMax;
    hi = absMax;
  }
  // Symmetric: the middle of the grid, independent of the scale (0 for signed, 2^(b-1) for unsigned), so
  // every channel of a per-channel tensor shares it — onnxruntime's per-channel int8 kernels require that.
  const middle = roundHalfEven((grid.qmin + grid.qmax) / 2);
  const scale = (hi - lo) / (grid.qmax - grid.qmin);
  if (scale < FLOAT32_TINY) return { scale: 1, zeroPoint: scheme.symmetric ? middle : 0, qmin, qmax };
  const zeroPoint = scheme.symmetric ? middle : roundHalfEven(grid.qmin - lo / scale);
  return { scale: Math.fround(scale), zeroPoint: Math.min(qmax, Math.max(qmin, zeroPoint)), qmin, qmax };
}

/** Checks parameters given from outside (a model file, a widget): a bad scale would give NaN or Infinity silently. */
export function checkParams(p: QuantParams, where = 'quantization parameters'): void {
  if (!(p.scale > 0) || !Number.isFinite(p.scale))
    throw new ModelError('input', `${where}: scale must be a positive finite number, got ${p.scale}`, {
      field: 'scale',
    });
  if (!Number.isInteger(p.qmin) || !Number.isInteger(p.qmax) || p.qmin >= p.qmax)
    throw new ModelError('input', `${where}: integer range [${p.qmin}, ${p.qmax}] is empty or not integer`, {
      field: 'qmin/qmax',
    });
  if (!Number.isInteger(p.zeroPoint) || p.zeroPoint < p.qmin || p.zeroPoint > p.qmax)
    throw new ModelError(
      'input',
      `${where}: zero point ${p.zeroPoint} is not an integer in [${p.qmin}, ${p.qmax}]`,
      { field: 'zeroPoint' },
    );
}

/** The float values the grid can represent: dequantized qmin … qmax (what a widget draws as tick marks). */
export function gridLevels(p: QuantParams): Float64Array {
  if (p.qmax - p.qmin >= 1 << 16)
    throw new ModelError('limit', `a grid of ${p.qmax - p.qmin + 1} levels is too many to list`, {
      field: 'qmin/qmax',
    });
  const levels = new Float64Array(p.qmax - p.qmin + 1);
  for (let q = p.qmin; q <= p.qmax; q++) levels[q - p.qmin] = Math.fround((q - p.zeroPoint) * p.scale);
  return levels;
}

/** The float interval that quantizes without clipping: half a step beyond the lowest and highest levels. */
export function unclippedRange(p: QuantParams): { min: number; max: number } {
  return { min: (p.qmin - p.zeroPoint - 0.5) * p.scale, max: (p.qmax - p.zeroPoint + 0.5) * p.scale };
}
