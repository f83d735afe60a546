// Helpers for the `infer` half of operators: output types from input types, keeping symbolic dims.
import type { Dim, TypeInfo } from '../ir/graph';
import type { Tensor } from '../ir/tensor';
import { intList } from './check';
import type { OpContext } from './types';

/** The output type of an op whose output looks like its input. */
export const like = (t: TypeInfo): TypeInfo => ({ dtype: t.dtype, shape: t.shape ? [...t.shape] : null });

/** The integer values of input i when it is a known constant (Reshape's shape, Slice's starts…), else null. */
export function constInts(
  ctx: OpContext,
  constants: readonly (Tensor | null | undefined)[],
  i: number,
  name: string,
): number[] | null {
  const t = constants[i];
  return t ? intList(ctx, t, name) : null;
}

/** Unknown dims of a known rank. */
export const unknownDims = (rank: number): Dim[] => new Array<Dim>(rank).fill('?');

/** The product of dims: a number when all are static, the symbol when it is the only factor ≠ 1, else '?'. */
export function dimProduct(dims: readonly Dim[]): Dim {
  let p = 1;
  const symbols: string[] = [];
  for (const d of dims) {
    if (typeof d === 'number') p *= d;
    else symbols.push(d);
  }
  if (symbols.length === 0 || p === 0) return p;
  return symbols.length === 1 && p === 1 && symbols[0] !== '?' ? symbols[0] : '?';
}
