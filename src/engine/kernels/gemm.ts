// GEMM loop variants: C[m×n] = A[m×k] · B[k×n], all row-major float32, C overwritten. The same arithmetic in
// different orders: the loop-optimization lesson (chapter 5.8) times them side by side. Each is a plain
// function so the code a student reads is the code that is timed. Products accumulate in double precision
// while they stay in a local variable, and round to float32 whenever they are stored back into C.

export type Gemm = (
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
) => void;

/** ijk: the textbook dot-product order. The inner loop walks B down a column (stride n): one cache line per product. */
export function gemmIJK(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      c[i * n + j] = s;
    }
}

/** jik: like ijk, columns of C outermost. */
export function gemmJIK(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  for (let j = 0; j < n; j++)
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      c[i * n + j] = s;
    }
}

/** ikj: the reordered loop. The inner loop streams a row of B and a row of C (stride 1), A[i][p] stays in a register. */
export function gemmIKJ(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  c.fill(0, 0, m * n);
  for (let i = 0; i < m; i++)
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      const bRow = p * n;
      const cRow = i * n;
      for (let j = 0; j < n; j++) c[cRow + j] += aip * b[bRow + j];
    }
}

/** kij: rank-1 updates; stride-1 inner loop like ikj, but the whole of C is swept k times. */
export function gemmKIJ(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  c.fill(0, 0, m * n);
  for (let p = 0; p < k; p++)
    for (let i = 0; i < m; i++) {
      const aip = a[i * k + p];
      const bRow = p * n;
      const cRow = i * n;
      for (let j = 0; j < n; j++) c[cRow + j] += aip * b[bRow + j];
    }
}

/** jki: the inner loop walks columns of A and C (stride k and n): the worst order for row-major data. */
export function gemmJKI(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  c.fill(0, 0, m * n);
  for (let j = 0; j < n; j++)
    for (let p = 0; p < k; p++) {
      const bpj = b[p * n + j];
      for (let i = 0; i < m; i++) c[i * n + j] += a[i * k + p] * bpj;
    }
}

/** kji: rank-1 updates walked by columns: strided like jki. */
export function gemmKJI(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  c.fill(0, 0, m * n);
  for (let p = 0; p < k; p++)
    for (let j = 0; j < n; j++) {
      const bpj = b[p * n + j];
      for (let i = 0; i < m; i++) c[i * n + j] += a[i * k + p] * bpj;
    }
}

export interface GemmTiles {
  /** Rows of A and C per tile. */
  m: number;
  /** Columns of B and C per tile. */
  n: number;
  /** Shared dimension per tile. */
  k: number;
}

/**
 * Tiled (cache-blocked) ikj: the loops are split into tiles so that a tile of B (tiles.k × tiles.n) and a
 * tile of C (tiles.m × tiles.n) stay in cache while they are reused.
 */
export function gemmTiled(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  tiles: GemmTiles = { m: 16, n: 256, k: 128 },
): void {
  c.fill(0, 0, m * n);
  for (let j0 = 0; j0 < n; j0 += tiles.n) {
    const j1 = Math.min(n, j0 + tiles.n);
    for (let p0 = 0; p0 < k; p0 += tiles.k) {
      const p1 = Math.min(k, p0 + tiles.k);
      for (let i0 = 0; i0 < m; i0 += tiles.m) {
        const i1 = Math.min(m, i0 + tiles.m);
        for (let i = i0; i < i1; i++)
          for (let p = p0; p < p1; p++) {
            const aip = a[i * k + p];
            const bRow = p * n;
            const cRow = i * n;
            for (let j = j0; j < j1; j++) c[cRow + j] += aip * b[bRow + j];
          }
      }
    }
  }
}

/** ikj with the inner loop unrolled by 4 (and a remainder loop): fewer loop-counter updates and branches per product. */
export function gemmUnrolled(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  c.fill(0, 0, m * n);
  const n4 = n - (n % 4);
  for (let i = 0; i < m; i++) {
    const cRow = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      const bRow = p * n;
      let j = 0;
      for (; j < n4; j += 4) {
        c[cRow + j] += aip * b[bRow + j];
        c[cRow + j + 1] += aip * b[bRow + j + 1];
        c[cRow + j + 2] += aip * b[bRow + j + 2];
        c[cRow + j + 3] += aip * b[bRow + j + 3];
      }
      for (; j < n; j++) c[cRow + j] += aip * b[bRow + j];
    }
  }
}

/** ikj with the inner loop unrolled by 2 (and a remainder iteration). */
export function gemmUnrolled2(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  c.fill(0, 0, m * n);
  const n2 = n - (n % 2);
  for (let i = 0; i < m; i++) {
    const cRow = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      const bRow = p * n;
      let j = 0;
      for (; j < n2; j += 2) {
        c[cRow + j] += aip * b[bRow + j];
        c[cRow + j + 1] += aip * b[bRow + j + 1];
      }
      if (j < n) c[cRow + j] += aip * b[bRow + j];
    }
  }
}

/** ikj with the inner loop unrolled by 8 (and a remainder loop). */
export function gemmUnrolled8(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
): void {
  c.fill(0, 0, m * n);
  const n8 = n - (n % 8);
  for (let i = 0; i < m; i++) {
    const cRow = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      const bRow = p * n;
      let j = 0;
      for (; j < n8; j += 8) {
        const cj = cRow + j;
        const bj = bRow + j;
        c[cj] += aip * b[bj];
        c[cj + 1] += aip * b[bj + 1];
        c[cj + 2] += aip * b[bj + 2];
        c[cj + 3] += aip * b[bj + 3];
        c[cj + 4] += aip * b[bj + 4];
        c[cj + 5] += aip * b[bj + 5];
        c[cj + 6] += aip * b[bj + 6];
        c[cj + 7] += aip * b[bj + 7];
      }
      for (; j < n; j++) c[cRow + j] += aip * b[bRow + j];
    }
  }
}
