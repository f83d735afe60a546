import { SIGNED } from './check';
import { unaryOp } from './elementwise';

export const Relu = unaryOp('Relu', SIGNED, () => (x) => (x > 0 ? x : x < 0 ? 0 : x)); // keeps NaN
