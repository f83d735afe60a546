// MaxPool: the maximum over each window; the optional Indices output holds the flat (row-major) index
// into X of each maximum.
import { attrInt } from './attrs';
import { checkDtype, fail, FLOATS, numeric, required, unsupported } from './check';
import { pool } from './pool';
import type { OpContext, OpDef } from './types';
import { axisWindow, windowAttrs, windowDims } from './slidingWindow';
import type { Dim } from '../ir/graph';

const DTYPES = [...FLOATS, 'int8', 'uint8'] as const;

function attrsFor(ctx: OpContext, rank: number) {
  if (rank < 3) fail(ctx, `X must be [N, C, D1, …], got rank ${rank}`);
  if (attrInt(ctx, 'storage_order', 0) !== 0)
    unsupported(ctx, 'storage_order = 1 (column-major indices) is not supported');
  return windowAttrs(ctx, rank - 2, undefined);
}

export const MaxPool: OpDef = {
  opType: 'MaxPool',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'X');
    checkDtype(ctx, x.dtype, DTYPES, 'X');
    if (!x.shape)
      return [
        { dtype: x.dtype, shape: null },
        { dtype: 'int64', shape: null },
      ];
    const attrs = attrsFor(ctx, x.shape.length);
    const shape: Dim[] = [x.shape[0], x.shape[1], ...windowDims(ctx, attrs, x.shape.slice(2))];
    return [
      { dtype: x.dtype, shape },
      { dtype: 'int64', shape: [...shape] },
    ];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'X'), 'X');
    checkDtype(ctx, x.dtype, DTYPES, 'X');
    const attrs = attrsFor(ctx, x.dims.length);
    const windows = x.dims.slice(2).map((size, i) => axisWindow(ctx, attrs, i, size));
    const { y, indices } = pool(ctx, x, attrs, windows, { kind: 'max' });
    return [y, { dtype: 'int64', dims: [...y.dims], data: indices! }];
  },
};
