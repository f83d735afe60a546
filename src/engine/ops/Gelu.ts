import { attrChoice } from './attrs';
import { FLOATS } from './check';
import { unaryOp } from './elementwise';
import { erf } from './errorFunction';

// Hendrycks & Gimpel, "Gaussian Error Linear Units" (2016): x·Φ(x), or its tanh approximation
export const Gelu = unaryOp('Gelu', FLOATS, (ctx) => {
  if (attrChoice(ctx, 'approximate', ['none', 'tanh'], 'none') === 'none')
    return (x) => 0.5 * x * (1 + erf(x / Math.SQRT2));
  const c = Math.sqrt(2 / Math.PI);
  return (x) => 0.5 * x * (1 + Math.tanh(c * (x + 0.044715 * x * x * x)));
});
