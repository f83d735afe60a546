// Tile: repeats the input repeats[a] times along each axis a.
import { fail, intList, numeric, output, required, stridesOf } from './check';
import { constInts } from './infer';
import type { OpContext, OpDef } from './types';
import type { Dim } from '../ir/graph';

function tiledDims(ctx: OpContext, dims: readonly Dim[], repeats: readonly number[]): Dim[] {
  if (repeats.length !== dims.length)
    fail(ctx, `repeats has ${repeats.length} values for an input of rank ${dims.length}`);
  if (repeats.some((r) => !Number.isInteger(r) || r < 0))
    fail(ctx, `repeats [${repeats.join(', ')}] must be non-negative`);
  return dims.map((d, a) => (typeof d === 'number' ? d * repeats[a] : repeats[a] === 1 ? d : '?'));
}

export const Tile: OpDef = {
  opType: 'Tile',
  domain: '',
  infer(ctx, inputs, constants) {
    const x = required(ctx, inputs, 0, 'input');
    const repeats = constInts(ctx, constants, 1, 'repeats');
    if (!x.shape) return [{ dtype: x.dtype, shape: null }];
    return [{ dtype: x.dtype, shape: repeats ? tiledDims(ctx, x.shape, repeats) : x.shape.map(() => '?') }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'input'), 'input');
    const dims = tiledDims(
      ctx,
      x.dims,
      intList(ctx, required(ctx, inputs, 1, 'repeats'), 'repeats'),
    ) as number[];
    const y = output(ctx, x.dtype, dims);
    const inStrides = stridesOf(x.dims);
    const rank = dims.length;
    // output index i along axis a reads input index i mod dims_in[a]
    const counter = new Array<number>(rank).fill(0);
    for (let k = 0; k < y.data.length; k++) {
      let at = 0;
      for (let a = 0; a < rank; a++) at += (counter[a] % x.dims[a]) * inStrides[a];
      y.data[k] = x.data[at];
      for (let a = rank - 1; a >= 0 && ++counter[a] === dims[a]; a--) counter[a] = 0;
    }
    return [y];
  },
};
