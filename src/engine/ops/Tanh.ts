import { FLOATS } from './check';
import { unaryOp } from './elementwise';

export const Tanh = unaryOp('Tanh', FLOATS, () => Math.tanh);
