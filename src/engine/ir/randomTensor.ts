// Seeded random tensors of any numeric dtype (for `run --input random`, tests and benchmarks), drawn
// from a generator such as stats/rng's seededRandom, so that they are reproducible.
import { allocate, isFloat, numel, type DType, type Tensor } from './tensor';

/** Default ranges: floats in [−1, 1), 8-bit integers over their whole range, other integers in [0, 9], bools 0/1. */
function defaultRange(dtype: DType): [number, number] {
  if (isFloat(dtype)) return [-1, 1];
  if (dtype === 'int8') return [-128, 127];
  if (dtype === 'uint8') return [0, 255];
  if (dtype === 'bool') return [0, 1];
  return [0, 9];
}

/** A tensor of uniform values from `random` (uniform in [0, 1)): floats in [lo, hi), integers and bools in [lo, hi]. */
export function randomTensor<D extends Exclude<DType, 'string'>>(
  dtype: D,
  dims: readonly number[],
  random: () => number,
  range: [number, number] = defaultRange(dtype),
): Tensor<D> {
  const [lo, hi] = range;
  const data = allocate(dtype, numel(dims)) as Exclude<Tensor['data'], string[]>;
  for (let i = 0; i < data.length; i++)
    data[i] = isFloat(dtype) ? lo + (hi - lo) * random() : lo + Math.floor((hi - lo + 1) * random());
  return { dtype, dims: [...dims], data } as Tensor<D>;
}
