import { NUMERIC } from './check';
import { binaryOp } from './elementwise';

export const Less = binaryOp({
  opType: 'Less',
  dtypes: NUMERIC,
  returnsBool: true,
  make: () => (a, b) => (a < b ? 1 : 0),
});
