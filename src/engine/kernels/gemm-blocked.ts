// The production-style GEMM used by im2col and Winograd: C[m×n] = A[m×k] · B[k×n] (row-major float32).
// GotoBLAS-style structure (Goto & van de Geijn 2008, "Anatomy of High-Performance Matrix Multiplication"):
// A is packed into panels of 4 rows and B, one 4-column panel at a time, into contiguous k×4 strips, so the
// micro-kernel streams both with stride 1 and keeps a 4×4 block of C in 16 local accumulators for the whole
// k loop: 8 loads per 16 multiply-adds, and C is written once.

const MR = 4;
const NR = 4;

/** Scratch buffers of gemmBlocked, reusable across calls (they grow to the largest size asked for). */
export class GemmWorkspace {
  packedA = new Float32Array(0);
  packedB = new Float32Array(0);

  /** Total bytes of the scratch buffers: what a caller reports as extra memory. */
  get bytes() {
    return this.packedA.byteLength + this.packedB.byteLength;
  }
}

/** Packs A into ceil(m/4) panels, each k×4 with row i of the panel at lane i (zero rows past m). */
function packA(m: number, k: number, a: Float32Array, out: Float32Array): void {
  for (let i0 = 0; i0 < m; i0 += MR) {
    const rows = Math.min(MR, m - i0);
    const panel = i0 * k;
    for (let r = 0; r < MR; r++) {
      if (r >= rows) {
        for (let p = 0; p < k; p++) out[panel + p * MR + r] = 0;
        continue;
      }
      const src = (i0 + r) * k;
      for (let p = 0; p < k; p++) out[panel + p * MR + r] = a[src + p];
    }
  }
}

/** Packs columns j0…j0+3 of B into a k×4 strip (zero columns past n). */
function packB(n: number, k: number, b: Float32Array, j0: number, out: Float32Array): void {
  const cols = Math.min(NR, n - j0);
  if (cols === NR) {
    for (let p = 0, src = j0, dst = 0; p < k; p++, src += n, dst += NR) {
      out[dst] = b[src];
      out[dst + 1] = b[src + 1];
      out[dst + 2] = b[src + 2];
      out[dst + 3] = b[src + 3];
    }
    return;
  }
  for (let p = 0; p < k; p++) for (let q = 0; q < NR; q++) out[p * NR + q] = q < cols ? b[p * n + j0 + q] : 0;
}

export function gemmBlocked(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  workspace = new GemmWorkspace(),
): void {
  const panelsA = Math.ceil(m / MR);
  if (workspace.packedA.length < panelsA * MR * k) workspace.packedA = new Float32Array(panelsA * MR * k);
  if (workspace.packedB.length < k * NR) workspace.packedB = new Float32Array(k * NR);
  const pa = workspace.packedA;
  const pb = workspace.packedB;
  packA(m, k, a, pa);
  for (let j0 = 0; j0 < n; j0 += NR) {
    packB(n, k, b, j0, pb);
    const cols = Math.min(NR, n - j0);
    for (let i0 = 0; i0 < m; i0 += MR) {
      // prettier-ignore
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      // prettier-ignore
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      // prettier-ignore
      for (let p = 0, ai = i0 * k, bi = 0; p < k; p++, ai += MR, bi += NR) {
        const a0 = pa[ai], a1 = pa[ai + 1], a2 = pa[ai + 2], a3 = pa[ai + 3];
        const b0 = pb[bi], b1 = pb[bi + 1], b2 = pb[bi + 2], b3 = pb[bi + 3];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      const rows = Math.min(MR, m - i0);
      const o = i0 * n + j0;
      storeRow(c, o, cols, c00, c01, c02, c03);
      if (rows > 1) storeRow(c, o + n, cols, c10, c11, c12, c13);
      if (rows > 2) storeRow(c, o + 2 * n, cols, c20, c21, c22, c23);
      if (rows > 3) storeRow(c, o + 3 * n, cols, c30, c31, c32, c33);
    }
  }
}

/** Writes the first `cols` of four accumulators to C at offset o (cols < 4 only at the right edge). */
function storeRow(
  c: Float32Array,
  o: number,
  cols: number,
  v0: number,
  v1: number,
  v2: number,
  v3: number,
): void {
  c[o] = v0;
  if (cols > 1) c[o + 1] = v1;
  if (cols > 2) c[o + 2] = v2;
  if (cols > 3) c[o + 3] = v3;
}
