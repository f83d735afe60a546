import { requiredAttr } from './attrs';
import { required } from './check';
import { castInput, castTensor, dtypeOfTo } from './casting';
import type { OpDef } from './types';

export const Cast: OpDef = {
  opType: 'Cast',
  domain: '',
  infer(ctx, inputs) {
    const x = required(ctx, inputs, 0, 'input');
    return [{ dtype: dtypeOfTo(ctx, requiredAttr(ctx, 'to', 'int')), shape: x.shape && [...x.shape] }];
  },
  run(ctx, inputs) {
    const x = castInput(ctx, required(ctx, inputs, 0, 'input'));
    return [castTensor(ctx, x, dtypeOfTo(ctx, requiredAttr(ctx, 'to', 'int')))];
  },
};
