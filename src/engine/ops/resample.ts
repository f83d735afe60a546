// The sampling of Resize, one axis at a time (nearest, linear and cubic interpolation are all separable):
// for each output coordinate, the input positions it reads ("taps") and their weights.

export type CoordinateMode =
  'half_pixel' | 'half_pixel_symmetric' | 'pytorch_half_pixel' | 'align_corners' | 'asymmetric';
export type NearestMode = 'round_prefer_floor' | 'round_prefer_ceil' | 'floor' | 'ceil';

export interface AxisSampling {
  inSize: number;
  outSize: number;
  scale: number;
  coordinate: CoordinateMode;
}

/** The input coordinate an output coordinate maps to (ONNX Resize, coordinate_transformation_mode). */
export function sourceCoordinate(o: number, a: AxisSampling): number {
  switch (a.coordinate) {
    case 'half_pixel':
      return (o + 0.5) / a.scale - 0.5;
    case 'half_pixel_symmetric': {
      const adjustment = a.outSize / (a.scale * a.inSize);
      const offset = (a.inSize / 2) * (1 - adjustment);
      return offset + (o + 0.5) / a.scale - 0.5;
    }
    case 'pytorch_half_pixel':
      return a.outSize > 1 ? (o + 0.5) / a.scale - 0.5 : 0;
    case 'align_corners':
      return a.outSize === 1 ? 0 : (o * (a.inSize - 1)) / (a.outSize - 1);
    case 'asymmetric':
      return o / a.scale;
  }
}

export interface Taps {
  index: number[];
  weight: number[];
}

const clampIndex = (i: number, size: number) => Math.min(Math.max(i, 0), size - 1);

/** The input index nearest to x under nearest_mode (the *_prefer_* modes differ only on exact halves). */
function nearestIndex(x: number, mode: NearestMode): number {
  const half = x - Math.floor(x) === 0.5;
  switch (mode) {
    case 'floor':
      return Math.floor(x);
    case 'ceil':
      return Math.ceil(x);
    case 'round_prefer_floor':
      return half ? Math.floor(x) : Math.round(x);
    case 'round_prefer_ceil':
      return half ? Math.ceil(x) : Math.round(x);
  }
}

export function nearestTaps(a: AxisSampling, mode: NearestMode): Taps[] {
  return Array.from({ length: a.outSize }, (_, o) => ({
    index: [clampIndex(nearestIndex(sourceCoordinate(o, a), mode), a.inSize)],
    weight: [1],
  }));
}

export function linearTaps(a: AxisSampling): Taps[] {
  return Array.from({ length: a.outSize }, (_, o) => {
    const x = Math.min(Math.max(sourceCoordinate(o, a), 0), a.inSize - 1);
    const i0 = Math.floor(x);
    const t = x - i0;
    return { index: [i0, clampIndex(i0 + 1, a.inSize)], weight: [1 - t, t] };
  });
}

/** Keys' cubic convolution kernel with parameter A (Keys, IEEE TASSP 1981, eq. 4), taps at −1, 0, 1, 2. */
function cubicWeights(t: number, A: number): number[] {
  const near = (d: number) => ((A + 2) * d - (A + 3)) * d * d + 1; // |d| ≤ 1
  const far = (d: number) => ((A * d - 5 * A) * d + 8 * A) * d - 4 * A; // 1 < |d| < 2
  return [far(t + 1), near(t), near(1 - t), far(2 - t)];
}

export function cubicTaps(a: AxisSampling, A: number, excludeOutside: boolean): Taps[] {
  return Array.from({ length: a.outSize }, (_, o) => {
    const x = sourceCoordinate(o, a);
    const i0 = Math.floor(x);
    let weight = cubicWeights(x - i0, A);
    const raw = [i0 - 1, i0, i0 + 1, i0 + 2];
    if (excludeOutside) {
      // positions outside the input get weight 0 and the rest are renormalized to sum to 1
      weight = weight.map((w, k) => (raw[k] >= 0 && raw[k] < a.inSize ? w : 0));
      const sum = weight.reduce((s, w) => s + w, 0);
      weight = weight.map((w) => w / sum);
    }
    return { index: raw.map((i) => clampIndex(i, a.inSize)), weight };
  });
}

/** Resamples one axis: out[…, o, …] = Σ_k weight_k · in[…, index_k, …]. */
export function resampleAxis(
  data: ArrayLike<number>,
  dims: readonly number[],
  axis: number,
  taps: Taps[],
): Float64Array {
  const inner = dims.slice(axis + 1).reduce((p, d) => p * d, 1);
  const outer = dims.slice(0, axis).reduce((p, d) => p * d, 1);
  const inSize = dims[axis];
  const outSize = taps.length;
  const out = new Float64Array(outer * outSize * inner);
  for (let b = 0; b < outer; b++)
    for (let o = 0; o < outSize; o++) {
      const { index, weight } = taps[o];
      const to = (b * outSize + o) * inner;
      for (let k = 0; k < index.length; k++) {
        const from = (b * inSize + index[k]) * inner;
        const w = weight[k];
        for (let i = 0; i < inner; i++) out[to + i] += w * data[from + i];
      }
    }
  return out;
}
