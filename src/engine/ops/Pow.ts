import { isInteger } from '../ir/tensor';
import { FLOATS, NUMERIC } from './check';
import { binaryOp } from './elementwise';

// the result has the base's type, whatever the exponent's type (an integer base truncates the result)
export const Pow = binaryOp({
  opType: 'Pow',
  dtypes: [...FLOATS, 'int32', 'int64'],
  rightDtypes: NUMERIC,
  make: (_, dtype) => (isInteger(dtype) ? (a, b) => Math.trunc(a ** b) : (a, b) => a ** b),
});
