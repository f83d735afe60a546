import { NUMERIC } from './check';
import { binaryOp } from './elementwise';

// int32 products wrap like C's; Math.imul does that exactly where a double product would lose low bits
export const Mul = binaryOp({
  opType: 'Mul',
  dtypes: NUMERIC,
  make: (_, dtype) => (dtype === 'int32' ? Math.imul : (a, b) => a * b),
});
