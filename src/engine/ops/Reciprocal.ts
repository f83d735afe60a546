import { FLOATS } from './check';
import { unaryOp } from './elementwise';

export const Reciprocal = unaryOp('Reciprocal', FLOATS, () => (x) => 1 / x);
