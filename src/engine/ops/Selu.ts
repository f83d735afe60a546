import { attrFloat } from './attrs';
import { FLOATS } from './check';
import { unaryOp } from './elementwise';

// defaults are float32 roundings of the constants of Klambauer et al., "Self-Normalizing Neural Networks" (2017)
export const Selu = unaryOp('Selu', FLOATS, (ctx) => {
  const alpha = attrFloat(ctx, 'alpha', 1.67326319217681884765625);
  const gamma = attrFloat(ctx, 'gamma', 1.05070102214813232421875);
  return (x) => gamma * (x > 0 ? x : alpha * Math.expm1(x));
});
