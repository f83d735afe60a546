// Concat: tensors of equal shape except along `axis`, joined along it.
import type { Dim } from '../ir/graph';
import { requiredAttr } from './attrs';
import { axisIndex, copyInto, fail, numeric, output, required, sameDtype, stridesOf } from './check';
import type { OpDef } from './types';

export const Concat: OpDef = {
  opType: 'Concat',
  domain: '',
  infer(ctx, inputs) {
    const xs = inputs.map((_, i) => required(ctx, inputs, i, `inputs[${i}]`));
    if (xs.length === 0) fail(ctx, 'needs at least one input');
    xs.forEach((x) => sameDtype(ctx, xs[0].dtype, x.dtype, 'all inputs'));
    const shapes = xs.map((x) => x.shape);
    const known = shapes.find((s) => s !== null);
    if (!known) return [{ dtype: xs[0].dtype, shape: null }];
    const axis = axisIndex(ctx, requiredAttr(ctx, 'axis', 'int'), known.length);
    const shape: Dim[] = known.map((d, i) => {
      if (i !== axis) return shapes.map((s) => s?.[i]).find((v) => typeof v === 'number') ?? d;
      let total = 0;
      for (const s of shapes) {
        if (!s || typeof s[i] !== 'number') return '?';
        total += s[i] as number;
      }
      return total;
    });
    return [{ dtype: xs[0].dtype, shape }];
  },
  run(ctx, inputs) {
    const xs = inputs.map((_, i) => numeric(ctx, required(ctx, inputs, i, `inputs[${i}]`), `inputs[${i}]`));
    if (xs.length === 0) fail(ctx, 'needs at least one input');
    const first = xs[0];
    const axis = axisIndex(ctx, requiredAttr(ctx, 'axis', 'int'), first.dims.length);
    for (const x of xs) {
      sameDtype(ctx, first.dtype, x.dtype, 'all inputs');
      if (x.dims.length !== first.dims.length || x.dims.some((d, i) => i !== axis && d !== first.dims[i]))
        fail(ctx, `shapes [${first.dims.join(', ')}] and [${x.dims.join(', ')}] differ outside axis ${axis}`);
    }
    const dims = [...first.dims];
    dims[axis] = xs.reduce((s, x) => s + x.dims[axis], 0);
    const y = output(ctx, first.dtype, dims);
    // each input is `outer` blocks of (its axis size × inner) contiguous values; the output interleaves them
    const outer = first.dims.slice(0, axis).reduce((a, b) => a * b, 1);
    const rowOut = stridesOf(dims)[axis] * dims[axis];
    let offset = 0;
    for (const x of xs) {
      const row = x.data.length / outer || 0;
      for (let o = 0; o < outer; o++)
        copyInto(y.data, x.data.subarray(o * row, (o + 1) * row), o * rowOut + offset);
      offset += row;
    }
    return [y];
  },
};
