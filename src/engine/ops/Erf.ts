import { FLOATS } from './check';
import { unaryOp } from './elementwise';
import { erf } from './errorFunction';

export const Erf = unaryOp('Erf', FLOATS, () => erf);
