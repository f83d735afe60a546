import { FLOATS } from './check';
import { reduceOp } from './reduce';

export const ReduceL2 = reduceOp('ReduceL2', FLOATS, 18, {
  init: 0,
  step: (acc, v) => acc + v * v,
  finish: (s) => Math.sqrt(s),
});
