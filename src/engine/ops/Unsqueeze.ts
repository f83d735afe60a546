// Unsqueeze: inserts size-1 axes at the listed positions of the output. The axes are an attribute
// before opset 13 and a required input from 13.
import type { Dim } from '../ir/graph';
import { listFrom, normalizeAxes } from './axes';
import { fail, numeric, optional, required, withDims } from './check';
import type { OpContext, OpDef } from './types';

function unsqueezed(ctx: OpContext, dims: readonly Dim[], axesList: number[] | null): Dim[] {
  if (!axesList) return fail(ctx, 'axes are required');
  const rank = dims.length + axesList.length;
  const axes = normalizeAxes(ctx, axesList, rank);
  const rest = [...dims];
  return Array.from({ length: rank }, (_, a) => (axes.includes(a) ? 1 : rest.shift()!));
}

export const Unsqueeze: OpDef = {
  opType: 'Unsqueeze',
  domain: '',
  infer(ctx, inputs, constants) {
    const x = required(ctx, inputs, 0, 'data');
    const axes = listFrom(ctx, 'axes', 13, 1, constants, optional(inputs, 1) !== null);
    if (axes === undefined) return [{ dtype: x.dtype, shape: null }];
    return [{ dtype: x.dtype, shape: x.shape ? unsqueezed(ctx, x.shape, axes) : null }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'data'), 'data');
    const axes = listFrom(ctx, 'axes', 13, 1, inputs, optional(inputs, 1) !== null) ?? null;
    return [withDims(x, unsqueezed(ctx, x.dims, axes) as number[])];
  },
};
