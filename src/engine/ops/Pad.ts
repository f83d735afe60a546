// Pad: adds pads[a] elements before and pads[a + rank] after each axis a (negative pads crop).
// Modes: constant (a value), edge (repeat the border), reflect (mirror, not repeating the border),
// wrap (opset 19, periodic). Before opset 11 pads/value are attributes; from 11 inputs, with optional
// axes from opset 18.
import type { Dim } from '../ir/graph';
import type { Tensor } from '../ir/tensor';
import { attrChoice, attrFloat, attrInts } from './attrs';
import { normalizeAxes } from './axes';
import {
  ANY,
  checkDtype,
  fail,
  intList,
  numeric,
  optional,
  output,
  required,
  sameDtype,
  scalarOf,
  stridesOf,
} from './check';
import type { OpContext, OpDef } from './types';

type Mode = 'constant' | 'reflect' | 'edge' | 'wrap';

/** [before, after] per axis of the input; undefined when the pads input is not known yet. */
function padsPerAxis(
  ctx: OpContext,
  rank: number,
  values: readonly (Tensor | null | undefined)[],
  axesGiven: boolean,
) {
  let pads: number[];
  let axes = [...Array(rank).keys()];
  if (ctx.opset < 11) pads = attrInts(ctx, 'pads') ?? fail(ctx, 'attribute pads is required');
  else {
    const t = values[1];
    if (!t) return undefined;
    pads = intList(ctx, t, 'pads');
    if (axesGiven) {
      if (!values[3]) return undefined;
      axes = normalizeAxes(ctx, intList(ctx, values[3], 'axes'), rank);
    }
  }
  if (pads.length !== 2 * axes.length)
    fail(ctx, `pads has ${pads.length} values; expected ${2 * axes.length} (before and after each axis)`);
  const result = Array.from({ length: rank }, () => [0, 0]);
  axes.forEach((a, i) => (result[a] = [pads[i], pads[i + axes.length]]));
  return result;
}

function paddedDims(ctx: OpContext, dims: readonly Dim[], pads: number[][]): Dim[] {
  return dims.map((d, a) => {
    if (typeof d !== 'number') return '?';
    const size = d + pads[a][0] + pads[a][1];
    if (size < 0) fail(ctx, `pads [${pads[a].join(', ')}] crop more than the ${d} elements of axis ${a}`);
    return size;
  });
}

/** For each output position along an axis, the input position it copies, or -1 for the constant. */
function sourceIndex(mode: Mode, dim: number, out: number, before: number): Int32Array {
  const map = new Int32Array(out);
  for (let o = 0; o < out; o++) {
    const s = o - before;
    if (s >= 0 && s < dim) map[o] = s;
    else if (mode === 'constant' || dim === 0) map[o] = -1;
    else if (mode === 'edge') map[o] = s < 0 ? 0 : dim - 1;
    else if (mode === 'wrap') map[o] = ((s % dim) + dim) % dim;
    else {
      const period = 2 * (dim - 1); // reflect: … 2 1 [0 1 2 3] 2 1 0 …
      const r = period === 0 ? 0 : ((s % period) + period) % period;
      map[o] = r < dim ? r : period - r;
    }
  }
  return map;
}

export const Pad: OpDef = {
  opType: 'Pad',
  domain: '',
  infer(ctx, inputs, constants) {
    const x = required(ctx, inputs, 0, 'data');
    checkDtype(ctx, x.dtype, ANY, 'data');
    if (!x.shape) return [{ dtype: x.dtype, shape: null }];
    const pads = padsPerAxis(ctx, x.shape.length, constants, optional(inputs, 3) !== null);
    return [{ dtype: x.dtype, shape: pads ? paddedDims(ctx, x.shape, pads) : x.shape.map(() => '?') }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'data'), 'data');
    const mode = attrChoice<Mode>(
      ctx,
      'mode',
      ctx.opset >= 19 ? ['constant', 'reflect', 'edge', 'wrap'] : ['constant', 'reflect', 'edge'],
      'constant',
    );
    if (ctx.opset >= 11) required(ctx, inputs, 1, 'pads');
    const pads = padsPerAxis(ctx, x.dims.length, inputs, optional(inputs, 3) !== null)!;
    let value = ctx.opset < 11 ? attrFloat(ctx, 'value', 0) : 0;
    const valueInput = ctx.opset >= 11 ? optional(inputs, 2) : null;
    if (valueInput) {
      sameDtype(ctx, x.dtype, valueInput.dtype, 'data and constant_value');
      value = scalarOf(ctx, valueInput, 'constant_value');
    }
    const dims = paddedDims(ctx, x.dims, pads) as number[];
    if (mode !== 'constant' && x.dims.some((d, a) => d === 0 && dims[a] > 0))
      fail(ctx, `mode ${mode} cannot pad an empty axis`);
    const y = output(ctx, x.dtype, dims);
    const maps = dims.map((d, a) => sourceIndex(mode, x.dims[a], d, pads[a][0]));
    const strides = stridesOf(x.dims);
    const rank = dims.length;
    const counter = new Array<number>(rank).fill(0);
    for (let k = 0; k < y.data.length; k++) {
      let at = 0;
      for (let a = 0; a < rank && at >= 0; a++) {
        const s = maps[a][counter[a]];
        at = s < 0 ? -1 : at + s * strides[a];
      }
      y.data[k] = at < 0 ? value : x.data[at];
      for (let a = rank - 1; a >= 0 && ++counter[a] === dims[a]; a--) counter[a] = 0;
    }
    return [y];
  },
};
