// Shared pieces of the quantized operators (QuantizeLinear, DequantizeLinear, the *Integer and QLinear*
// ops): integer ranges, round-half-to-even, and per-tensor / per-axis parameters (scales, zero points).
import type { DType } from '../ir/tensor';
import { axisIndex, fail, numeric, type NumericTensor } from './check';
import type { Tensor } from '../ir/tensor';
import type { OpContext } from './types';

export const QUANT_RANGE: Partial<Record<DType, readonly [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
};

/** Rounds to the nearest integer, ties to even (numpy.rint, C's nearbyint in the default mode). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Clamps to the range of an integer dtype. */
export function saturate(v: number, dtype: DType): number {
  const [lo, hi] = QUANT_RANGE[dtype]!;
  return v < lo ? lo : v > hi ? hi : v;
}

/**
 * A scale or zero point that is either per tensor (one value) or per slice along `axis` of a tensor of
 * shape `dims` (a 1-D tensor of dims[axis] values): returns the value for each flat index of that tensor.
 */
export function perAxis(
  ctx: OpContext,
  p: Tensor | null,
  dims: readonly number[],
  axis: number,
  name: string,
  fallback = 0,
) {
  if (!p) return () => fallback;
  const values = numeric(ctx, p, name).data;
  if (values.length === 1 && p.dims.length <= 1) {
    const v = values[0];
    return () => v;
  }
  const a = axisIndex(ctx, axis, dims.length);
  if (p.dims.length !== 1 || values.length !== dims[a])
    fail(
      ctx,
      `${name} must be a scalar or a 1-D tensor of ${dims[a]} values (axis ${a}), got shape [${p.dims.join(', ')}]`,
    );
  const inner = dims.slice(a + 1).reduce((x, y) => x * y, 1);
  const count = dims[a];
  return (i: number) => values[Math.floor(i / inner) % count];
}

/** x − zero_point as float64 (exact for 8-bit data), the zero point per tensor or along `axis`. */
export function centered(
  ctx: OpContext,
  x: NumericTensor,
  zeroPoint: Tensor | null,
  axis: number,
  name: string,
): Float64Array {
  const zp = perAxis(ctx, zeroPoint, x.dims, axis, name);
  const out = new Float64Array(x.data.length);
  for (let i = 0; i < out.length; i++) out[i] = x.data[i] - zp(i);
  return out;
}

/**
 * The float32 requantization multiplier in_scale · w_scale / out_scale, computed in float32 as the ONNX
 * reference (numpy float32 scalars) and onnxruntime do, so that integer outputs match exactly.
 */
export const requantScale = (inScale: number, wScale: number, outScale: number) =>
  Math.fround(Math.fround(inScale * wScale) / outScale);
