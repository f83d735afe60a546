import { attrFloat } from './attrs';
import { FLOATS } from './check';
import { unaryOp } from './elementwise';

export const LeakyRelu = unaryOp('LeakyRelu', FLOATS, (ctx) => {
  const alpha = attrFloat(ctx, 'alpha', 0.01);
  return (x) => (x < 0 ? alpha * x : x);
});
