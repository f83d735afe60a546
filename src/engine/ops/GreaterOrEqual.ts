import { NUMERIC } from './check';
import { binaryOp } from './elementwise';

export const GreaterOrEqual = binaryOp({
  opType: 'GreaterOrEqual',
  dtypes: NUMERIC,
  returnsBool: true,
  make: () => (a, b) => (a >= b ? 1 : 0),
});
