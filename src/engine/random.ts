// Seeded random numbers, so that every "random" input, test and widget is reproducible.
import { allocate, isFloat, numel, type DType, type Tensor } from './ir/tensor';

/** mulberry32 (a 32-bit state generator by Tommy Ettinger): uniform numbers in [0, 1) from a seed. */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Default ranges: floats in [−1, 1), 8-bit integers over their whole range, other integers in [0, 9], bools 0/1. */
function defaultRange(dtype: DType): [number, number] {
  if (isFloat(dtype)) return [-1, 1];
  if (dtype === 'int8') return [-128, 127];
  if (dtype === 'uint8') return [0, 255];
  if (dtype === 'bool') return [0, 1];
  return [0, 9];
}

/** A tensor of uniform values: floats in [lo, hi), integers and bools in [lo, hi]. */
export function randomTensor<D extends Exclude<DType, 'string'>>(
  dtype: D,
  dims: readonly number[],
  rng: () => number,
  range: [number, number] = defaultRange(dtype),
): Tensor<D> {
  const [lo, hi] = range;
  const data = allocate(dtype, numel(dims)) as Exclude<Tensor['data'], string[]>;
  for (let i = 0; i < data.length; i++)
    data[i] = isFloat(dtype) ? lo + (hi - lo) * rng() : lo + Math.floor((hi - lo + 1) * rng());
  return { dtype, dims: [...dims], data } as Tensor<D>;
}
