// numpy-style matrix product, shared by MatMul, MatMulInteger, QLinearMatMul (and Gemm's inner loop):
// the last two axes multiply, the leading (batch) axes broadcast, and a 1-D operand is promoted to a
// matrix (a row for A, a column for B) whose added axis is removed from the result.
import type { Dim } from '../ir/graph';
import { broadcastDims, broadcastIndex, broadcastShapes } from './broadcast';
import { checkDims, fail, type NumericData } from './check';
import type { OpContext } from './types';

/** C[M×N] += A[M×K] · B[K×N] on row-major blocks; the i-k-j order streams through rows of B and C. */
export function gemmBlock(
  a: ArrayLike<number>,
  aOff: number,
  b: ArrayLike<number>,
  bOff: number,
  c: Float64Array,
  cOff: number,
  M: number,
  K: number,
  N: number,
): void {
  for (let i = 0; i < M; i++) {
    const cRow = cOff + i * N;
    for (let k = 0; k < K; k++) {
      const aik = a[aOff + i * K + k];
      const bRow = bOff + k * N;
      for (let j = 0; j < N; j++) c[cRow + j] += aik * b[bRow + j];
    }
  }
}

/** Output dims of A·B, symbolic dims allowed. */
export function matmulDims(ctx: OpContext, a: readonly Dim[], b: readonly Dim[]): Dim[] {
  if (a.length === 0 || b.length === 0) fail(ctx, 'MatMul operands must have rank ≥ 1');
  const A = a.length === 1 ? [1, a[0]] : a;
  const B = b.length === 1 ? [b[0], 1] : b;
  const [M, K1] = A.slice(-2);
  const [K2, N] = B.slice(-2);
  if (typeof K1 === 'number' && typeof K2 === 'number' && K1 !== K2)
    fail(ctx, `inner dimensions differ: [${a.join(', ')}] · [${b.join(', ')}]`);
  const batch = broadcastDims(ctx, [A.slice(0, -2), B.slice(0, -2)])!;
  return [...batch, ...(a.length === 1 ? [] : [M]), ...(b.length === 1 ? [] : [N])];
}

/** A·B in float64 (exact for the integer products of MatMulInteger). */
export function matmul(
  ctx: OpContext,
  a: { dims: readonly number[]; data: NumericData | Float64Array },
  b: { dims: readonly number[]; data: NumericData | Float64Array },
): { dims: number[]; data: Float64Array } {
  const dims = matmulDims(ctx, a.dims, b.dims) as number[];
  checkDims(ctx, dims);
  const A = a.dims.length === 1 ? [1, a.dims[0]] : a.dims;
  const B = b.dims.length === 1 ? [b.dims[0], 1] : b.dims;
  const [M, K] = A.slice(-2);
  const N = B[B.length - 1];
  const batch = broadcastShapes(ctx, [A.slice(0, -2), B.slice(0, -2)]);
  const count = batch.reduce((p, d) => p * d, 1);
  // which matrix of A and of B each output matrix multiplies
  const ia = broadcastIndex(A.slice(0, -2), batch);
  const ib = broadcastIndex(B.slice(0, -2), batch);
  const out = new Float64Array(count * M * N);
  for (let i = 0; i < count; i++)
    gemmBlock(a.data, (ia ? ia[i] : i) * M * K, b.data, (ib ? ib[i] : i) * K * N, out, i * M * N, M, K, N);
  return { dims, data: out };
}
