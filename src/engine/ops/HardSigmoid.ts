import { attrFloat } from './attrs';
import { FLOATS } from './check';
import { unaryOp } from './elementwise';

export const HardSigmoid = unaryOp('HardSigmoid', FLOATS, (ctx) => {
  const alpha = attrFloat(ctx, 'alpha', 0.2);
  const beta = attrFloat(ctx, 'beta', 0.5);
  return (x) => Math.max(0, Math.min(1, alpha * x + beta));
});
