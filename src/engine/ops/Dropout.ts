// Dropout at inference: the identity, with an all-true mask. Training mode with a non-zero ratio
// would drop values at random, which an inference engine does not do. By opset: before 7, `is_test`
// (default 0 = training) decides; 7–11 are always inference with `ratio` an attribute; from 12, `ratio`
// and `training_mode` are optional inputs. The mask is bool from opset 10, of the data's type before.
import type { DType } from '../ir/tensor';
import { attrBool, attrFloat } from './attrs';
import {
  checkDtype,
  fail,
  FLOATS,
  numeric,
  optional,
  output,
  required,
  scalarOf,
  unsupported,
} from './check';
import { like } from './infer';
import type { OpContext, OpDef } from './types';

const maskType = (ctx: OpContext, dtype: DType) => (ctx.opset >= 10 ? 'bool' : dtype);

export const Dropout: OpDef = {
  opType: 'Dropout',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'data');
    checkDtype(ctx, x.dtype, FLOATS, 'data');
    return [like(x), { dtype: maskType(ctx, x.dtype), shape: x.shape && [...x.shape] }];
  },
  run(ctx, inputs) {
    const x = numeric(ctx, required(ctx, inputs, 0, 'data'), 'data');
    checkDtype(ctx, x.dtype, FLOATS, 'data');
    const ratioInput = ctx.opset >= 12 ? optional(inputs, 1) : null;
    const trainingInput = ctx.opset >= 12 ? optional(inputs, 2) : null;
    const ratio = ratioInput ? scalarOf(ctx, ratioInput, 'ratio') : attrFloat(ctx, 'ratio', 0.5);
    const training = trainingInput
      ? scalarOf(ctx, trainingInput, 'training_mode') !== 0
      : ctx.opset < 7 && !attrBool(ctx, 'is_test', false);
    if (ratio < 0 || ratio >= 1) fail(ctx, `ratio ${ratio} must be in [0, 1)`);
    if (training && ratio > 0)
      unsupported(ctx, 'training mode (random dropping) is not executed by an inference engine');
    const mask = output(ctx, maskType(ctx, x.dtype) as typeof x.dtype, x.dims);
    mask.data.fill(1);
    return [{ dtype: x.dtype, dims: [...x.dims], data: x.data.slice() }, mask];
  },
};
