import { FLOATS } from './check';
import { unaryOp } from './elementwise';

export const Ceil = unaryOp('Ceil', FLOATS, () => Math.ceil);
