// Winograd minimal filtering F(m, r): m outputs of an r-tap filter from α = m + r − 1 inputs with α
// multiplications: y = Aᵀ [(G g) ⊙ (Bᵀ d)]. Nesting it gives F(m×m, r×r): Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A.
// Matrices from Lavin & Gray 2016, "Fast Algorithms for Convolutional Neural Networks", section 4.1 (F(2,3))
// and 4.2 (F(4,3), interpolation points 0, ±1, ±2, ∞).
import { roundToHalf } from '../ir/float16';

export type WinogradVariant = 'F(2,3)' | 'F(4,3)';

export interface WinogradMatrices {
  variant: WinogradVariant;
  /** Outputs per tile (per dimension), filter taps, and inputs per tile α = m + r − 1. */
  m: number;
  r: number;
  alpha: number;
  BT: number[][];
  G: number[][];
  AT: number[][];
}

export const WINOGRAD: Record<WinogradVariant, WinogradMatrices> = {
  'F(2,3)': {
    variant: 'F(2,3)',
    m: 2,
    r: 3,
    alpha: 4,
    BT: [
      [1, 0, -1, 0],
      [0, 1, 1, 0],
      [0, -1, 1, 0],
      [0, 1, 0, -1],
    ],
    G: [
      [1, 0, 0],
      [1 / 2, 1 / 2, 1 / 2],
      [1 / 2, -1 / 2, 1 / 2],
      [0, 0, 1],
    ],
    AT: [
      [1, 1, 1, 0],
      [0, 1, -1, -1],
    ],
  },
  'F(4,3)': {
    variant: 'F(4,3)',
    m: 4,
    r: 3,
    alpha: 6,
    BT: [
      [4, 0, -5, 0, 1, 0],
      [0, -4, -4, 1, 1, 0],
      [0, 4, -4, -1, 1, 0],
      [0, -2, -1, 2, 1, 0],
      [0, 2, -1, -2, 1, 0],
      [0, 4, 0, -5, 0, 1],
    ],
    G: [
      [1 / 4, 0, 0],
      [-1 / 6, -1 / 6, -1 / 6],
      [-1 / 6, 1 / 6, -1 / 6],
      [1 / 24, 1 / 12, 1 / 6],
      [1 / 24, -1 / 12, 1 / 6],
      [0, 0, 1],
    ],
    AT: [
      [1, 1, 1, 1, 1, 0],
      [0, 1, -1, 2, -2, 0],
      [0, 1, 1, 4, 4, 0],
      [0, 1, -1, 8, -8, 1],
    ],
  },
};

/**
 * A transform matrix kept as its nonzero entries, row by row and grouped by kind: +1 entries (an addition),
 * −1 entries (a subtraction) and the others (a multiply-add). Applying it skips the zeros, so the arithmetic it
 * performs is what `ops` counts: per row, one operation per term after the first plus one per scaled term.
 */
export interface SparseTransform {
  rows: number;
  cols: number;
  /** Row i: entries bounds[4i]… are +1, bounds[4i+1]… are −1, bounds[4i+2]…bounds[4i+3]−1 are scaled. */
  bounds: Int32Array;
  column: Int32Array;
  coef: Float64Array;
  /** Additions, subtractions and multiplications of one matrix–vector product. */
  ops: number;
}

export function sparse(matrix: number[][]): SparseTransform {
  const bounds: number[] = [];
  const column: number[] = [];
  const coef: number[] = [];
  let ops = 0;
  for (const row of matrix) {
    const kinds = [
      row.map((v, j) => (v === 1 ? j : -1)),
      row.map((v, j) => (v === -1 ? j : -1)),
      row.map((v, j) => (v !== 0 && Math.abs(v) !== 1 ? j : -1)),
    ];
    for (const [kind, cols] of kinds.entries()) {
      bounds.push(column.length);
      for (const j of cols.filter((j) => j >= 0)) {
        column.push(j);
        coef.push(row[j]);
        if (kind === 2) ops++;
      }
    }
    bounds.push(column.length);
    ops += Math.max(0, row.filter((v) => v !== 0).length - 1);
  }
  return {
    rows: matrix.length,
    cols: matrix[0].length,
    bounds: Int32Array.from(bounds),
    column: Int32Array.from(column),
    coef: Float64Array.from(coef),
    ops,
  };
}

/**
 * dst[d0 + t] = Σ over row `row` of T of coefficient · src[s0 + column·stride + t], for t < L: one row of a
 * transform applied to L vectors at once (all tiles or all channels), so the loops over T's structure run once
 * per batch and the inner loops are plain vector updates, each rounded to float32 as it is stored.
 */
function rowTimes(
  T: SparseTransform,
  row: number,
  src: Float32Array,
  s0: number,
  stride: number,
  dst: Float32Array,
  d0: number,
  L: number,
): void {
  const { bounds, column, coef } = T;
  dst.fill(0, d0, d0 + L);
  let e = bounds[4 * row];
  for (; e < bounds[4 * row + 1]; e++) {
    const from = s0 + column[e] * stride;
    for (let t = 0; t < L; t++) dst[d0 + t] += src[from + t];
  }
  for (; e < bounds[4 * row + 2]; e++) {
    const from = s0 + column[e] * stride;
    for (let t = 0; t < L; t++) dst[d0 + t] -= src[from + t];
  }
  for (; e < bounds[4 * row + 3]; e++) {
    const from = s0 + column[e] * stride;
    const c = coef[e];
    for (let t = 0; t < L; t++) dst[d0 + t] += c * src[from + t];
  }
}

const roundSlice = (a: Float32Array, from: number, L: number) => {
  for (let t = from; t < from + L; t++) a[t] = roundToHalf(a[t]);
};

/** Where a batch of square matrices lives: element (i, j) of matrix t is at base + (i·size + j)·stride + t. */
export interface Batch {
  data: Float32Array;
  base: number;
  stride: number;
}

/**
 * out = T · X · Tᵀ for L square matrices X at once (X is T.cols × T.cols, out is T.rows × T.rows), through tmp
 * (T.rows·T.cols·L floats). With `fp16` each stage's results are rounded to float16 precision.
 * Returns the operations done: (T.cols + T.rows) matrix–vector products per matrix.
 */
export function transform2d(
  T: SparseTransform,
  x: Batch,
  tmp: Float32Array,
  out: Batch,
  L: number,
  fp16 = false,
): number {
  const { rows: p, cols: q } = T;
  // Stage 1: tmp = T · X. Column j of X is element (k, j) for k < q: stride q·x.stride between its entries.
  for (let i = 0; i < p; i++)
    for (let j = 0; j < q; j++) {
      rowTimes(T, i, x.data, x.base + j * x.stride, q * x.stride, tmp, (i * q + j) * L, L);
      if (fp16) roundSlice(tmp, (i * q + j) * L, L);
    }
  // Stage 2: out = tmp · Tᵀ. Row i of tmp is elements (i, k), consecutive L-vectors.
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      const at = out.base + (i * p + j) * out.stride;
      rowTimes(T, j, tmp, i * q * L, L, out.data, at, L);
      if (fp16) roundSlice(out.data, at, L);
    }
  return (q + p) * T.ops * L;
}

/** out = T · x for L vectors at once (element k of vector t at x.base + k·x.stride + t). Returns the operations done. */
export function transform1d(T: SparseTransform, x: Batch, out: Batch, L: number, fp16 = false): number {
  for (let i = 0; i < T.rows; i++) {
    rowTimes(T, i, x.data, x.base, x.stride, out.data, out.base + i * out.stride, L);
    if (fp16) roundSlice(out.data, out.base + i * out.stride, L);
  }
  return T.ops * L;
}
