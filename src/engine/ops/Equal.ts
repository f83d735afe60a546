import { ANY } from './check';
import { binaryOp } from './elementwise';

export const Equal = binaryOp({
  opType: 'Equal',
  dtypes: ANY,
  returnsBool: true,
  make: () => (a, b) => (a === b ? 1 : 0),
});
