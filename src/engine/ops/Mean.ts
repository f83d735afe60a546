import { FLOATS } from './check';
import { variadicOp } from './elementwise';

export const Mean = variadicOp(
  'Mean',
  FLOATS,
  (a, b) => a + b,
  (sum, count) => sum / count,
);
