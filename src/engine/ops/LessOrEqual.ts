import { NUMERIC } from './check';
import { binaryOp } from './elementwise';

export const LessOrEqual = binaryOp({
  opType: 'LessOrEqual',
  dtypes: NUMERIC,
  returnsBool: true,
  make: () => (a, b) => (a <= b ? 1 : 0),
});
