// Transpose: output axis i is input axis perm[i] (default: the axes reversed).
import { attrInts } from './attrs';
import { fail, numeric, required } from './check';
import { permuteAxes } from './strided';
import type { OpContext, OpDef } from './types';

function permutation(ctx: OpContext, rank: number): number[] {
  const perm = attrInts(ctx, 'perm') ?? [...Array(rank).keys()].reverse();
  const sorted = [...perm].sort((a, b) => a - b);
  if (perm.length !== rank || sorted.some((p, i) => p !== i))
    fail(ctx, `perm [${perm.join(', ')}] is not a permutation of 0…${rank - 1}`);
  return perm;
}

export const Transpose: OpDef = {
  opType: 'Transpose',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'data');
    if (!x.shape) return [{ dtype: x.dtype, shape: null }];
    const shape = x.shape;
    return [{ dtype: x.dtype, shape: permutation(ctx, shape.length).map((p) => shape[p]) }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'data'), 'data');
    return [permuteAxes(ctx, x, permutation(ctx, x.dims.length))];
  },
};
