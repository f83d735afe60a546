// ArgMax / ArgMin: the index of the extreme value along `axis` (int64). Ties go to the first index,
// or to the last with select_last_index = 1.
import type { Dim } from '../ir/graph';
import { attrBool, attrInt } from './attrs';
import { axisIndex, checkDtype, NUMERIC, numeric, output, required, stridesOf } from './check';
import type { OpContext, OpDef } from './types';

function outDims(ctx: OpContext, dims: readonly Dim[]): { axis: number; dims: Dim[] } {
  const axis = axisIndex(ctx, attrInt(ctx, 'axis', 0), dims.length);
  const keep = attrBool(ctx, 'keepdims', true);
  return { axis, dims: dims.flatMap((d, a) => (a !== axis ? [d] : keep ? [1] : [])) };
}

export function argOp(opType: string, better: (v: number, best: number) => boolean): OpDef {
  return {
    opType,
    domain: '',
    infer(ctx, inputs) {
      const x = required(ctx, inputs, 0, 'data');
      checkDtype(ctx, x.dtype, NUMERIC, 'data');
      return [{ dtype: 'int64', shape: x.shape ? outDims(ctx, x.shape).dims : null }];
    },
    run(ctx, inputs) {
      const x = numeric(ctx, required(ctx, inputs, 0, 'data'), 'data');
      checkDtype(ctx, x.dtype, NUMERIC, 'data');
      const { axis, dims } = outDims(ctx, x.dims);
      const last = attrBool(ctx, 'select_last_index', false);
      const y = output(ctx, 'int64', dims as number[]);
      const inner = stridesOf(x.dims)[axis];
      const length = x.dims[axis];
      for (let o = 0; o < y.data.length; o++) {
        const first = Math.floor(o / inner) * length * inner + (o % inner);
        let best = 0;
        for (let k = 1; k < length; k++) {
          const v = x.data[first + k * inner];
          const b = x.data[first + best * inner];
          if (better(v, b) || (last && v === b)) best = k;
        }
        y.data[o] = best;
      }
      return [y];
    },
  };
}
