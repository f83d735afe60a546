import { attrFloat } from './attrs';
import { FLOATS } from './check';
import { unaryOp } from './elementwise';

export const Elu = unaryOp('Elu', FLOATS, (ctx) => {
  const alpha = attrFloat(ctx, 'alpha', 1);
  return (x) => (x < 0 ? alpha * Math.expm1(x) : x);
});
