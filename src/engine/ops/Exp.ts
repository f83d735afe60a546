import { FLOATS } from './check';
import { unaryOp } from './elementwise';

export const Exp = unaryOp('Exp', FLOATS, () => Math.exp);
