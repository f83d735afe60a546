// Factory for the Reduce* operators: fold the elements along `axes` (all axes when none are given),
// keeping them as size-1 axes when keepdims = 1. The axes moved from an attribute to an input at
// opset 18 (ReduceSum: 13); with an empty axes input, noop_with_empty_axes = 1 makes the op the identity.
import type { Dim } from '../ir/graph';
import type { DType, Tensor } from '../ir/tensor';
import { attrBool } from './attrs';
import { listFrom, normalizeAxes } from './axes';
import { checkDtype, numeric, optional, output, required, stridesOf, withDims } from './check';
import type { OpContext, OpDef } from './types';

export interface Reduction {
  init: number;
  step: (acc: number, v: number) => number;
  finish?: (acc: number, count: number) => number;
}

/** The reduced axes (sorted), or 'none' for the identity; undefined when they are not known yet. */
function reducedAxes(
  ctx: OpContext,
  rank: number,
  sinceOpset: number,
  values: readonly (Tensor | null)[],
  present: boolean,
) {
  const list = listFrom(ctx, 'axes', sinceOpset, 1, values, present);
  if (list === undefined) return undefined;
  if (!list || list.length === 0) {
    if (ctx.opset >= sinceOpset && attrBool(ctx, 'noop_with_empty_axes', false)) return 'none' as const;
    return [...Array(rank).keys()];
  }
  return normalizeAxes(ctx, list, rank).sort((a, b) => a - b);
}

function reducedDims(ctx: OpContext, dims: readonly Dim[], axes: number[]): Dim[] {
  const keep = attrBool(ctx, 'keepdims', true);
  return dims.flatMap((d, a) => (axes.includes(a) ? (keep ? [1] : []) : [d]));
}

export function reduceOp(
  opType: string,
  dtypes: readonly DType[],
  axesInputSince: number,
  r: Reduction,
): OpDef {
  return {
    opType,
    domain: '',
    infer(ctx, inputs, constants) {
      const x = required(ctx, inputs, 0, 'data');
      checkDtype(ctx, x.dtype, dtypes, 'data');
      if (!x.shape) return [{ dtype: x.dtype, shape: null }];
      const axes = reducedAxes(ctx, x.shape.length, axesInputSince, constants, optional(inputs, 1) !== null);
      if (axes === undefined)
        return [{ dtype: x.dtype, shape: attrBool(ctx, 'keepdims', true) ? x.shape.map(() => '?') : null }];
      return [{ dtype: x.dtype, shape: axes === 'none' ? [...x.shape] : reducedDims(ctx, x.shape, axes) }];
    },
    run(ctx, inputs) {
      const x = numeric(ctx, required(ctx, inputs, 0, 'data'), 'data');
      checkDtype(ctx, x.dtype, dtypes, 'data');
      const axes = reducedAxes(ctx, x.dims.length, axesInputSince, inputs, optional(inputs, 1) !== null)!;
      if (axes === 'none') return [withDims(x, x.dims)];
      const y = output(ctx, x.dtype, reducedDims(ctx, x.dims, axes) as number[]);
      // each input element folds into the output element with the reduced coordinates dropped
      const kept = x.dims.map((d, a) => (axes.includes(a) ? 1 : d));
      const keptStrides = stridesOf(kept);
      const strides = x.dims.map((_, a) => (axes.includes(a) ? 0 : keptStrides[a]));
      const acc = new Float64Array(y.data.length).fill(r.init);
      const rank = x.dims.length;
      const counter = new Array<number>(rank).fill(0);
      let at = 0;
      for (let i = 0; i < x.data.length; i++) {
        acc[at] = r.step(acc[at], x.data[i]);
        for (let a = rank - 1; a >= 0; a--) {
          counter[a]++;
          at += strides[a];
          if (counter[a] < x.dims[a]) break;
          at -= strides[a] * counter[a];
          counter[a] = 0;
        }
      }
      const count = y.data.length === 0 ? 0 : x.data.length / y.data.length;
      for (let i = 0; i < acc.length; i++) y.data[i] = r.finish ? r.finish(acc[i], count) : acc[i];
      return [y];
    },
  };
}
