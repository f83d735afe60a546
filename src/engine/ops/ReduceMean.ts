import { FLOATS } from './check';
import { reduceOp } from './reduce';

export const ReduceMean = reduceOp('ReduceMean', FLOATS, 18, {
  init: 0,
  step: (acc, v) => acc + v,
  finish: (sum, count) => sum / count,
});
