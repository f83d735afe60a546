// Flatten: [d0 … d(axis-1)] × [d(axis) … dn] as a 2-D tensor; axis is in [-rank, rank].
import { attrInt } from './attrs';
import { fail, numeric, required, withDims } from './check';
import { dimProduct } from './infer';
import type { OpContext, OpDef } from './types';

function flattenAxis(ctx: OpContext, rank: number): number {
  const axis = attrInt(ctx, 'axis', 1);
  if (axis < -rank || axis > rank) fail(ctx, `axis ${axis} is out of range [-${rank}, ${rank}]`);
  return axis < 0 ? axis + rank : axis;
}

export const Flatten: OpDef = {
  opType: 'Flatten',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'input');
    if (!x.shape) return [{ dtype: x.dtype, shape: ['?', '?'] }];
    const axis = flattenAxis(ctx, x.shape.length);
    return [{ dtype: x.dtype, shape: [dimProduct(x.shape.slice(0, axis)), dimProduct(x.shape.slice(axis))] }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'input'), 'input');
    const axis = flattenAxis(ctx, x.dims.length);
    const product = (dims: number[]) => dims.reduce((a, b) => a * b, 1);
    return [withDims(x, [product(x.dims.slice(0, axis)), product(x.dims.slice(axis))])];
  },
};
