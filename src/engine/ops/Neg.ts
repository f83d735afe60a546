import { SIGNED } from './check';
import { unaryOp } from './elementwise';

export const Neg = unaryOp('Neg', SIGNED, () => (x) => -x);
