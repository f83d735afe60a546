// Shape: the input's dims as an int64 vector, optionally the slice [start, end) of them (opset 15).
import type { Dim } from '../ir/graph';
import { attrInt, has } from './attrs';
import { required } from './check';
import type { OpContext, OpDef } from './types';

/** The clamped [start, end) range of dims to return. */
function range(ctx: OpContext, rank: number): [number, number] {
  const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + rank : v, 0), rank);
  const start = clamp(attrInt(ctx, 'start', 0));
  const end = has(ctx, 'end') ? clamp(attrInt(ctx, 'end', rank)) : rank;
  return [start, Math.max(start, end)];
}

export const Shape: OpDef = {
  opType: 'Shape',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'data');
    if (!x.shape) return [{ dtype: 'int64', shape: ['?'] }];
    const [start, end] = range(ctx, x.shape.length);
    return [{ dtype: 'int64', shape: [end - start] as Dim[] }];
  },
  run(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'data');
    const [start, end] = range(ctx, x.dims.length);
    const dims = x.dims.slice(start, end);
    return [{ dtype: 'int64', dims: [dims.length], data: Float64Array.from(dims) }];
  },
};
