import { NUMERIC } from './check';
import { reduceOp } from './reduce';

export const ReduceSum = reduceOp('ReduceSum', NUMERIC, 13, { init: 0, step: (acc, v) => acc + v });
