import { NUMERIC } from './check';
import { variadicOp } from './elementwise';

// NaN wins, as with numpy.minimum
export const Min = variadicOp('Min', NUMERIC, (a, b) => (a <= b || Number.isNaN(a) ? a : b));
