// Copies a strided view of x into a new tensor: out[i0, …, ik] = x[base + Σ ia · strides[a]].
// Transpose (permuted strides) and Slice (start offset, stepped strides) are both such views.
import { output, stridesOf, type NumericTensor } from './check';
import type { OpContext } from './types';

export function stridedCopy<T extends NumericTensor>(
  ctx: OpContext,
  x: T,
  dims: readonly number[],
  base: number,
  strides: readonly number[],
): T {
  const y = output(ctx, x.dtype, dims);
  const rank = dims.length;
  const counter = new Array<number>(rank).fill(0);
  let at = base;
  for (let k = 0; k < y.data.length; k++) {
    y.data[k] = x.data[at];
    // odometer: advance the last axis, carrying into the ones before it
    for (let a = rank - 1; a >= 0; a--) {
      counter[a]++;
      at += strides[a];
      if (counter[a] < dims[a]) break;
      at -= strides[a] * counter[a];
      counter[a] = 0;
    }
  }
  return y as T;
}

/** x with its axes permuted: output axis i is input axis perm[i] (perm must be a permutation of x's axes). */
export function permuteAxes<T extends NumericTensor>(ctx: OpContext, x: T, perm: readonly number[]): T {
  const inStrides = stridesOf(x.dims);
  return stridedCopy(
    ctx,
    x,
    perm.map((p) => x.dims[p]),
    0,
    perm.map((p) => inStrides[p]),
  );
}
