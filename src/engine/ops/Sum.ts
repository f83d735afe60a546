import { NUMERIC } from './check';
import { variadicOp } from './elementwise';

export const Sum = variadicOp('Sum', NUMERIC, (a, b) => a + b);
