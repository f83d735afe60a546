// Clip: min(max(x, lo), hi). Before opset 11 the bounds are float attributes; from 11 on, optional
// scalar inputs. A missing bound does not clip. When lo > hi every value becomes hi (min is applied last).
import type { Tensor } from '../ir/tensor';
import { attrFloat } from './attrs';
import { checkDtype, numeric, NUMERIC, optional, output, required, sameDtype, scalarOf } from './check';
import { like } from './infer';
import type { OpContext, OpDef } from './types';

function bounds(ctx: OpContext, inputs: (Tensor | null)[], dtype: Tensor['dtype']): [number, number] {
  if (ctx.opset < 11) return [attrFloat(ctx, 'min', -Infinity), attrFloat(ctx, 'max', Infinity)];
  const bound = (i: number, name: string, fallback: number) => {
    const t = optional(inputs, i);
    if (!t) return fallback;
    sameDtype(ctx, dtype, t.dtype, `input and ${name}`);
    return scalarOf(ctx, t, name);
  };
  return [bound(1, 'min', -Infinity), bound(2, 'max', Infinity)];
}

export const Clip: OpDef = {
  opType: 'Clip',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'input');
    checkDtype(ctx, x.dtype, NUMERIC, 'input');
    return [like(x)];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'input'), 'input');
    checkDtype(ctx, x.dtype, NUMERIC, 'input');
    const [lo, hi] = bounds(ctx, inputs, x.dtype);
    const y = output(ctx, x.dtype, x.dims);
    for (let i = 0; i < x.data.length; i++) {
      const v = x.data[i];
      y.data[i] = Number.isNaN(v) ? v : Math.min(Math.max(v, lo), hi);
    }
    return [y];
  },
};
