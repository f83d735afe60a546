// Numbers about a weight tensor for the inspector: summary statistics and a downsampled 2-D grid for the
// heatmap (rows = output channels, columns = everything else, as a convolution's weights are usually drawn).
import type { Tensor } from '../../engine';

export interface TensorStats {
  count: number;
  /** Elements that are NaN or ±∞ (left out of the other figures). */
  nonFinite: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  zeros: number;
}

export function tensorStats(data: ArrayLike<number>): TensorStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let zeros = 0;
  let nonFinite = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    if (v === 0) zeros++;
  }
  const finite = data.length - nonFinite;
  const mean = finite ? sum / finite : NaN;
  let squares = 0;
  for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i])) squares += (data[i] - mean) ** 2;
  return {
    count: data.length,
    nonFinite,
    min: finite ? min : NaN,
    max: finite ? max : NaN,
    mean,
    std: finite ? Math.sqrt(squares / finite) : NaN,
    zeros,
  };
}

export interface Grid {
  rows: number;
  cols: number;
  /** Row-major cell values: the mean of the elements each cell covers. */
  values: Float32Array;
  /** Largest |value| over the cells (for a symmetric colour scale). */
  maxAbs: number;
  /** Shape of the 2-D view before downsampling. */
  sourceRows: number;
  sourceCols: number;
}

/** The tensor viewed as [dims[0], rest] (a vector as one row), block-averaged to at most maxSide per axis. */
export function heatmapGrid(t: Tensor, maxSide = 64): Grid | null {
  if (t.dtype === 'string' || t.data.length === 0) return null;
  const data = t.data as ArrayLike<number>;
  const sourceRows = t.dims.length >= 2 ? t.dims[0] : 1;
  const sourceCols = data.length / sourceRows;
  const rows = Math.min(sourceRows, maxSide);
  const cols = Math.min(sourceCols, maxSide);
  const sums = new Float64Array(rows * cols);
  const counts = new Float64Array(rows * cols);
  for (let r = 0; r < sourceRows; r++) {
    const gr = Math.floor((r * rows) / sourceRows);
    for (let c = 0; c < sourceCols; c++) {
      const v = data[r * sourceCols + c];
      if (!Number.isFinite(v)) continue;
      const cell = gr * cols + Math.floor((c * cols) / sourceCols);
      sums[cell] += v;
      counts[cell]++;
    }
  }
  const values = new Float32Array(rows * cols);
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = counts[i] ? sums[i] / counts[i] : 0;
    maxAbs = Math.max(maxAbs, Math.abs(values[i]));
  }
  return { rows, cols, values, maxAbs, sourceRows, sourceCols };
}
