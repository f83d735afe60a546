import { NUMERIC } from './check';
import { unaryOp } from './elementwise';

export const Abs = unaryOp('Abs', NUMERIC, () => Math.abs);
