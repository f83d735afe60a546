// Squeeze: removes the listed size-1 axes (all size-1 axes when none are listed). The axes are an
// attribute before opset 13 and an optional input from 13.
import type { Dim } from '../ir/graph';
import { listFrom, normalizeAxes } from './axes';
import { fail, numeric, optional, required, withDims } from './check';
import type { OpContext, OpDef } from './types';

function squeezed(ctx: OpContext, dims: readonly Dim[], axesList: number[] | null): Dim[] | null {
  if (!axesList) return dims.some((d) => typeof d !== 'number') ? null : dims.filter((d) => d !== 1);
  const axes = normalizeAxes(ctx, axesList, dims.length);
  for (const a of axes)
    if (typeof dims[a] === 'number' && dims[a] !== 1) fail(ctx, `axis ${a} has size ${dims[a]}, not 1`);
  return dims.filter((_, a) => !axes.includes(a));
}

export const Squeeze: OpDef = {
  opType: 'Squeeze',
  domain: '',
  infer(ctx, inputs, constants) {
    const x = required(ctx, inputs, 0, 'data');
    const axes = listFrom(ctx, 'axes', 13, 1, constants, optional(inputs, 1) !== null);
    return [{ dtype: x.dtype, shape: x.shape && axes !== undefined ? squeezed(ctx, x.shape, axes) : null }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'data'), 'data');
    const axes = listFrom(ctx, 'axes', 13, 1, inputs, optional(inputs, 1) !== null) ?? null;
    return [withDims(x, squeezed(ctx, x.dims, axes) as number[])];
  },
};
