import { FLOATS } from './check';
import { unaryOp } from './elementwise';

// written so that exp never overflows: for x < 0, e^x / (1 + e^x)
export const Sigmoid = unaryOp(
  'Sigmoid',
  FLOATS,
  () => (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
);
