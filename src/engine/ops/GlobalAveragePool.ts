import { globalPool } from './global';

export const GlobalAveragePool = globalPool('GlobalAveragePool', (v, from, to) => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += v[i];
  return sum / (to - from);
});
