import { FLOATS } from './check';
import { unaryOp } from './elementwise';

// log(1 + e^x), written so that e^x never overflows
export const Softplus = unaryOp(
  'Softplus',
  FLOATS,
  () => (x) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x))),
);
