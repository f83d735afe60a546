import { NUMERIC } from './check';
import { variadicOp } from './elementwise';

// NaN wins, as with numpy.maximum
export const Max = variadicOp('Max', NUMERIC, (a, b) => (a >= b || Number.isNaN(a) ? a : b));
