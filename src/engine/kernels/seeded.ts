// A small seeded random generator (mulberry32) so that kernel tests, the CLI and the benchmarks draw the
// same "random" layers every run.
import type { Tensor } from '../ir/tensor';

/** Returns a function giving uniform floats in [0, 1), fully determined by the seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
