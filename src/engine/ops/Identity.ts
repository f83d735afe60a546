import { ANY, checkDtype, numeric, required } from './check';
import { like } from './infer';
import type { OpDef } from './types';

// outputs never alias inputs in this interpreter, so Identity copies
export const Identity: OpDef = {
  opType: 'Identity',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'input');
    checkDtype(ctx, x.dtype, ANY, 'input');
    return [like(x)];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'input'), 'input');
    return [{ dtype: x.dtype, dims: [...x.dims], data: x.data.slice() }];
  },
};
