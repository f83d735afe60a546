import { NUMERIC } from './check';
import { reduceOp } from './reduce';

export const ReduceProd = reduceOp('ReduceProd', NUMERIC, 18, { init: 1, step: (acc, v) => acc * v });
