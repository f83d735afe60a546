import { ANY, checkDtype, required, type NumericDType } from './check';
import { castInput, castTensor } from './casting';
import type { OpDef } from './types';

// Cast to the dtype of a second tensor (opset 15)
export const CastLike: OpDef = {
  opType: 'CastLike',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'input');
    const like = required(ctx, inputs, 1, 'target_type');
    checkDtype(ctx, like.dtype, ANY, 'target_type');
    return [{ dtype: like.dtype, shape: x.shape && [...x.shape] }];
  },
  run(ctx, inputs) {
    const x = castInput(ctx, required(ctx, inputs, 0, 'input'));
    const like = required(ctx, inputs, 1, 'target_type');
    checkDtype(ctx, like.dtype, ANY, 'target_type');
    return [castTensor(ctx, x, like.dtype as NumericDType)];
  },
};
