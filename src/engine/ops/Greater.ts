import { NUMERIC } from './check';
import { binaryOp } from './elementwise';

export const Greater = binaryOp({
  opType: 'Greater',
  dtypes: NUMERIC,
  returnsBool: true,
  make: () => (a, b) => (a > b ? 1 : 0),
});
