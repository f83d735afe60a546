import { FLOATS } from './check';
import { unaryOp } from './elementwise';

export const Floor = unaryOp('Floor', FLOATS, () => Math.floor);
