import { globalPool } from './global';

export const GlobalMaxPool = globalPool('GlobalMaxPool', (v, from, to) => {
  let max = -Infinity;
  for (let i = from; i < to; i++) if (v[i] > max) max = v[i];
  return max;
});
