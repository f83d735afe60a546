import { FLOATS } from './check';
import { unaryOp } from './elementwise';

export const Sqrt = unaryOp('Sqrt', FLOATS, () => Math.sqrt);
