// ConstantOfShape: a tensor of the given shape filled with one value (default float32 0).
import { attrTensor } from './attrs';
import { checkDims, fail, intList, numeric, output, required } from './check';
import { constInts, unknownDims } from './infer';
import type { OpContext, OpDef } from './types';

function fillValue(ctx: OpContext) {
  const t = attrTensor(ctx, 'value');
  if (!t) return { dtype: 'float32' as const, value: 0 };
  if (t.data.length !== 1)
    fail(ctx, `attribute value must hold one element, got ${t.data.length}`, 'attribute value');
  const v = numeric(ctx, t, 'attribute value');
  return { dtype: v.dtype, value: v.data[0] };
}

export const ConstantOfShape: OpDef = {
  opType: 'ConstantOfShape',
  domain: '',
  infer(ctx, inputs, constants) {
    const shape = required(ctx, inputs, 0, 'input');
    const { dtype } = fillValue(ctx);
    const dims = constInts(ctx, constants, 0, 'input');
    if (dims) {
      checkDims(ctx, dims);
      return [{ dtype, shape: dims }];
    }
    const rank = shape.shape?.[0];
    return [{ dtype, shape: typeof rank === 'number' ? unknownDims(rank) : null }];
  },
  run(ctx, inputs) {
    const dims = intList(ctx, required(ctx, inputs, 0, 'input'), 'input');
    const { dtype, value } = fillValue(ctx);
    const y = output(ctx, dtype, dims);
    y.data.fill(value);
    return [y];
  },
};
