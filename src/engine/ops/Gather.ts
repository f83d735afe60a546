// Gather: picks slices of `data` along `axis` at the given indices (negative indices count from the end).
// Output shape: data.shape[:axis] + indices.shape + data.shape[axis+1:].
import { attrInt } from './attrs';
import { axisIndex, checkDtype, fail, INDEX, numeric, output, required, stridesOf } from './check';
import type { OpDef } from './types';

export const Gather: OpDef = {
  opType: 'Gather',
  domain: '',
  infer(ctx, inputs) {
    const data = required(ctx, inputs, 0, 'data');
    const indices = required(ctx, inputs, 1, 'indices');
    checkDtype(ctx, indices.dtype, INDEX, 'indices');
    if (!data.shape || !indices.shape) return [{ dtype: data.dtype, shape: null }];
    const axis = axisIndex(ctx, attrInt(ctx, 'axis', 0), data.shape.length);
    return [
      {
        dtype: data.dtype,
        shape: [...data.shape.slice(0, axis), ...indices.shape, ...data.shape.slice(axis + 1)],
      },
    ];
  },
  run(ctx, inputs) {
    const data = numeric(ctx, required(ctx, inputs, 0, 'data'), 'data');
    const indices = numeric(ctx, required(ctx, inputs, 1, 'indices'), 'indices');
    checkDtype(ctx, indices.dtype, INDEX, 'indices');
    const axis = axisIndex(ctx, attrInt(ctx, 'axis', 0), data.dims.length);
    const dim = data.dims[axis];
    const y = output(ctx, data.dtype, [
      ...data.dims.slice(0, axis),
      ...indices.dims,
      ...data.dims.slice(axis + 1),
    ]);
    // data is [outer, dim, inner]; the output is [outer, count, inner]
    const inner = stridesOf(data.dims)[axis];
    const outer = data.dims.slice(0, axis).reduce((a, b) => a * b, 1);
    const count = indices.data.length;
    for (let j = 0; j < count; j++) {
      const raw = indices.data[j];
      if (raw < -dim || raw >= dim) fail(ctx, `index ${raw} is out of range for axis ${axis} of size ${dim}`);
      const index = raw < 0 ? raw + dim : raw;
      for (let o = 0; o < outer; o++) {
        const from = (o * dim + index) * inner;
        const to = (o * count + j) * inner;
        for (let i = 0; i < inner; i++) y.data[to + i] = data.data[from + i];
      }
    }
    return [y];
  },
};
