// AveragePool: the mean over each window, dividing by the positions inside the input (default) or by
// those inside the input and its padding (count_include_pad = 1).
import { attrBool } from './attrs';
import { checkDtype, fail, FLOATS, numeric, required } from './check';
import { pool } from './pool';
import type { OpContext, OpDef } from './types';
import { axisWindow, windowAttrs, windowDims } from './slidingWindow';

function attrsFor(ctx: OpContext, rank: number) {
  if (rank < 3) fail(ctx, `X must be [N, C, D1, …], got rank ${rank}`);
  return windowAttrs(ctx, rank - 2, undefined);
}

export const AveragePool: OpDef = {
  opType: 'AveragePool',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'X');
    checkDtype(ctx, x.dtype, FLOATS, 'X');
    if (!x.shape) return [{ dtype: x.dtype, shape: null }];
    const attrs = attrsFor(ctx, x.shape.length);
    return [{ dtype: x.dtype, shape: [x.shape[0], x.shape[1], ...windowDims(ctx, attrs, x.shape.slice(2))] }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'X'), 'X');
    checkDtype(ctx, x.dtype, FLOATS, 'X');
    const attrs = attrsFor(ctx, x.dims.length);
    const windows = x.dims.slice(2).map((size, i) => axisWindow(ctx, attrs, i, size));
    const countIncludePad = attrBool(ctx, 'count_include_pad', false);
    return [pool(ctx, x, attrs, windows, { kind: 'average', countIncludePad }).y];
  },
};
