// Split: cuts a tensor along `axis` into parts, of sizes given by `split` (an attribute before opset 13,
// an optional input from 13), else equal parts — one per output, or `num_outputs` parts (opset 18)
// where the last part may be smaller.
import type { Tensor } from '../ir/tensor';
import { attrInt, has } from './attrs';
import { listFrom } from './axes';
import { axisIndex, copyInto, fail, numeric, optional, output, required, stridesOf } from './check';
import type { OpContext, OpDef } from './types';

/** Sizes of the parts along the axis; undefined when they depend on an input not known yet. */
function partSizes(
  ctx: OpContext,
  dim: number | string,
  splitInput: readonly (Tensor | null | undefined)[],
  hasSplitInput: boolean,
) {
  const parts = ctx.node.outputs.length;
  const split = listFrom(ctx, 'split', 13, 1, splitInput, hasSplitInput);
  if (split === undefined) return undefined;
  if (split) {
    if (split.length !== parts) fail(ctx, `split has ${split.length} sizes for ${parts} outputs`);
    if (split.some((s) => !Number.isInteger(s) || s < 0))
      fail(ctx, `split [${split.join(', ')}] has a negative size`);
    if (typeof dim === 'number' && split.reduce((a, b) => a + b, 0) !== dim)
      fail(ctx, `split [${split.join(', ')}] does not add up to the axis size ${dim}`);
    return split;
  }
  if (typeof dim !== 'number') return undefined;
  if (ctx.opset >= 18 && has(ctx, 'num_outputs')) {
    const n = attrInt(ctx, 'num_outputs', parts);
    if (n !== parts || n < 1) fail(ctx, `num_outputs ${n} does not match the ${parts} outputs of the node`);
    const chunk = Math.ceil(dim / n);
    return Array.from({ length: n }, (_, i) => Math.max(0, Math.min(chunk, dim - i * chunk)));
  }
  if (dim % parts !== 0) fail(ctx, `axis size ${dim} does not split into ${parts} equal parts`);
  return new Array<number>(parts).fill(dim / parts);
}

export const Split: OpDef = {
  opType: 'Split',
  domain: '',
  infer(ctx, inputs, constants) {
    const x = required(ctx, inputs, 0, 'input');
    const parts = ctx.node.outputs.length;
    if (!x.shape) return new Array(parts).fill(0).map(() => ({ dtype: x.dtype, shape: null }));
    const shape = x.shape;
    const axis = axisIndex(ctx, attrInt(ctx, 'axis', 0), shape.length);
    const sizes = partSizes(ctx, shape[axis], constants, optional(inputs, 1) !== null);
    return new Array(parts).fill(0).map((_, i) => ({
      dtype: x.dtype,
      shape: shape.map((d, a) => (a === axis ? (sizes?.[i] ?? '?') : d)),
    }));
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'input'), 'input');
    const axis = axisIndex(ctx, attrInt(ctx, 'axis', 0), x.dims.length);
    const sizes = partSizes(ctx, x.dims[axis], inputs, optional(inputs, 1) !== null)!;
    const outer = x.dims.slice(0, axis).reduce((a, b) => a * b, 1);
    const inner = stridesOf(x.dims)[axis];
    const row = x.dims[axis] * inner;
    let start = 0;
    return sizes.map((size) => {
      const dims = x.dims.map((d, a) => (a === axis ? size : d));
      const y = output(ctx, x.dtype, dims);
      const block = size * inner;
      for (let o = 0; o < outer; o++)
        copyInto(
          y.data,
          x.data.subarray(o * row + start * inner, o * row + start * inner + block),
          o * block,
        );
      start += size;
      return y;
    });
  },
};
