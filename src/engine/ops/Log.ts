import { FLOATS } from './check';
import { unaryOp } from './elementwise';

export const Log = unaryOp('Log', FLOATS, () => Math.log);
