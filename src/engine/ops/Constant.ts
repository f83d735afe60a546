// Constant: a tensor given by exactly one of its value attributes.
import { tensor, type Tensor } from '../ir/tensor';
import { attr } from './attrs';
import { fail, unsupported } from './check';
import type { OpContext, OpDef } from './types';

function value(ctx: OpContext): Tensor {
  const present = Object.keys(ctx.node.attributes).filter(
    (k) => k.startsWith('value') || k === 'sparse_value',
  );
  if (present.length !== 1)
    fail(ctx, `needs exactly one value attribute, got ${present.length ? present.join(', ') : 'none'}`);
  switch (present[0]) {
    case 'value':
      return attr(ctx, 'value', 'tensor')!;
    case 'value_float':
      return tensor('float32', [], [attr(ctx, 'value_float', 'float')!]);
    case 'value_floats': {
      const v = attr(ctx, 'value_floats', 'floats')!;
      return tensor('float32', [v.length], v);
    }
    case 'value_int':
      return tensor('int64', [], [attr(ctx, 'value_int', 'int')!]);
    case 'value_ints': {
      const v = attr(ctx, 'value_ints', 'ints')!;
      return tensor('int64', [v.length], v);
    }
    default:
      return unsupported(ctx, `attribute ${present[0]} (strings and sparse tensors) is not supported`);
  }
}

export const Constant: OpDef = {
  opType: 'Constant',
  domain: '',
  infer(ctx) {
    const t = value(ctx);
    return [{ dtype: t.dtype, shape: [...t.dims] }];
  },
  run(ctx) {
    const t = value(ctx);
    return [{ dtype: t.dtype, dims: [...t.dims], data: t.data.slice() } as Tensor];
  },
};
