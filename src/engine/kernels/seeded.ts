// Seeded random layers for kernel tests, the CLI and the benchmarks (the generator is stats/rng.ts's
// seededRandom), so every run draws the same "random" tensors.
import type { Tensor } from '../ir/tensor';

/** A float32 tensor with values uniform in [lo, hi). */
export function randomUniformTensor(
  random: () => number,
  dims: readonly number[],
  lo = -1,
  hi = 1,
): Tensor<'float32'> {
  const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = lo + (hi - lo) * random();
  return { dtype: 'float32', dims: [...dims], data };
}

/** A uniform integer in [lo, hi]. */
export const randomInt = (random: () => number, lo: number, hi: number) =>
  lo + Math.floor(random() * (hi - lo + 1));
