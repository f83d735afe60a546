// Gemm: Y = alpha · A' · B' + beta · C, where A' = transA ? Aᵀ : A (M×K), B' = transB ? Bᵀ : B (K×N),
// and C (optional) broadcasts to M×N.
import type { Dim } from '../ir/graph';
import { attrBool, attrFloat } from './attrs';
import { broadcastDims, broadcastIndex, broadcastShapes } from './broadcast';
import {
  checkDtype,
  fail,
  FLOATS,
  numeric,
  optional,
  output,
  required,
  sameDtype,
  type NumericTensor,
} from './check';
import { gemmBlock } from './matrix';
import type { OpContext, OpDef } from './types';

const DTYPES = [...FLOATS, 'int32', 'int64', 'uint32', 'uint64'] as const;

function shapes(ctx: OpContext, a: readonly Dim[], b: readonly Dim[]) {
  if (a.length !== 2 || b.length !== 2)
    fail(ctx, `A and B must be matrices, got [${a.join(', ')}] and [${b.join(', ')}]`);
  const [M, K1] = attrBool(ctx, 'transA', false) ? [a[1], a[0]] : [a[0], a[1]];
  const [K2, N] = attrBool(ctx, 'transB', false) ? [b[1], b[0]] : [b[0], b[1]];
  if (typeof K1 === 'number' && typeof K2 === 'number' && K1 !== K2)
    fail(ctx, `inner dimensions differ: A' is ${M}×${K1}, B' is ${K2}×${N}`);
  return { M, K: K1, N };
}

/** A row-major copy of the transpose of a rows×cols matrix. */
function transposed(m: NumericTensor['data'], rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
  return t;
}

export const Gemm: OpDef = {
  opType: 'Gemm',
  domain: '',
  infer(ctx, inputs) {
    const [a, b, c] = [required(ctx, inputs, 0, 'A'), required(ctx, inputs, 1, 'B'), optional(inputs, 2)];
    checkDtype(ctx, a.dtype, DTYPES, 'A');
    sameDtype(ctx, a.dtype, b.dtype, 'A and B');
    if (!a.shape || !b.shape) return [{ dtype: a.dtype, shape: null }];
    const { M, N } = shapes(ctx, a.shape, b.shape);
    if (c) broadcastDims(ctx, [c.shape, [M, N]]);
    return [{ dtype: a.dtype, shape: [M, N] }];
  },
  run(ctx, inputs) {
    const a = numeric(ctx, required(ctx, inputs, 0, 'A'), 'A');
    const b = numeric(ctx, required(ctx, inputs, 1, 'B'), 'B');
    const c = optional(inputs, 2);
    checkDtype(ctx, a.dtype, DTYPES, 'A');
    sameDtype(ctx, a.dtype, b.dtype, 'A and B');
    const { M, K, N } = shapes(ctx, a.dims, b.dims) as { M: number; K: number; N: number };
    const A = attrBool(ctx, 'transA', false) ? transposed(a.data, K, M) : a.data;
    const B = attrBool(ctx, 'transB', false) ? transposed(b.data, N, K) : b.data;
    const y = output(ctx, a.dtype, [M, N]); // checks the size before anything is allocated
    const acc = new Float64Array(M * N);
    gemmBlock(A, 0, B, 0, acc, 0, M, K, N);
    const alpha = attrFloat(ctx, 'alpha', 1);
    const beta = attrFloat(ctx, 'beta', 1);
    for (let i = 0; i < acc.length; i++) y.data[i] = alpha * acc[i];
    if (c && beta !== 0) {
      const bias = numeric(ctx, c, 'C');
      sameDtype(ctx, a.dtype, bias.dtype, 'A and C');
      const dims = broadcastShapes(ctx, [bias.dims, [M, N]]);
      if (dims.length !== 2 || dims[0] !== M || dims[1] !== N)
        fail(ctx, `C of shape [${bias.dims.join(', ')}] does not broadcast to [${M}, ${N}]`);
      const index = broadcastIndex(bias.dims, [M, N]);
      for (let i = 0; i < acc.length; i++)
        y.data[i] = alpha * acc[i] + beta * bias.data[index ? index[i] : i];
    }
    return [y];
  },
};
