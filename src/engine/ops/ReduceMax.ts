import { NUMERIC } from './check';
import { reduceOp } from './reduce';

export const ReduceMax = reduceOp('ReduceMax', NUMERIC, 18, {
  init: -Infinity,
  step: (acc, v) => (v > acc || Number.isNaN(v) ? v : acc),
});
