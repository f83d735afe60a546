// Dropout at inference: the identity, with an all-true mask. Training mode with a non-zero ratio
// would drop values at random, which an inference engine does not do.
import { ModelError } from '../errors';
import { attrBool } from './attrs';
import {
  checkDtype,
  FLOATS,
  nodeName,
  numeric,
  optional,
  output,
  required,
  scalarOf,
  unsupported,
} from './check';
import { like } from './infer';
import type { OpDef } from './types';

export const Dropout: OpDef = {
  opType: 'Dropout',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'data');
    checkDtype(ctx, x.dtype, FLOATS, 'data');
    return [like(x), { dtype: 'bool', shape: x.shape && [...x.shape] }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'data'), 'data');
    checkDtype(ctx, x.dtype, FLOATS, 'data');
    const ratioInput = ctx.opset >= 12 ? optional(inputs, 1) : null;
    const trainingInput = optional(inputs, 2);
    const training = trainingInput
      ? scalarOf(ctx, trainingInput, 'training_mode') !== 0
      : ctx.opset < 7 && !attrBool(ctx, 'is_test', false);
    const ratio = ratioInput ? scalarOf(ctx, ratioInput, 'ratio') : 0.5;
    if (training && ratio > 0)
      unsupported(ctx, 'training mode (random dropping) is not executed by an inference engine');
    if (ratio < 0 || ratio >= 1)
      throw new ModelError('invalid', `Dropout: ratio ${ratio} must be in [0, 1)`, { node: nodeName(ctx) });
    const mask = output(ctx, 'bool', x.dims);
    mask.data.fill(1);
    return [{ dtype: x.dtype, dims: [...x.dims], data: x.data.slice() }, mask];
  },
};
