// Seeded random tensors with known shapes of distribution, for tests and for demonstrations of how
// calibration methods react to outliers (a Gaussian has light tails, Student's t with few degrees of
// freedom heavy ones). Deterministic: the same seed gives the same numbers on every machine.
import { seededRandom } from '../stats/rng';

/** Standard normal samples by the Box–Muller transform. */
export function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export type Distribution = 'uniform' | 'gaussian' | 'laplace' | 'student-t3';

/** n float32 samples of a distribution, scaled by `scale` and shifted by `shift`. */
export function sampleTensor(
  n: number,
  distribution: Distribution,
  seed: number,
  scale = 1,
  shift = 0,
): Float32Array {
  const random = seededRandom(seed);
  const normal = gaussian(random);
  const draw: Record<Distribution, () => number> = {
    uniform: () => 2 * random() - 1,
    gaussian: normal,
    // An exponential magnitude (1 − random() is in (0, 1], so the log is finite) with a random sign.
    laplace: () => (random() < 0.5 ? 1 : -1) * -Math.log(1 - random()),
    // Student's t with 3 degrees of freedom: a normal over sqrt(chi²₃ / 3); its tails fall off as |x|⁻⁴.
    'student-t3': () => {
      const a = normal(),
        b = normal(),
        c = normal();
      return normal() / Math.sqrt((a * a + b * b + c * c) / 3);
    },
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = draw[distribution]() * scale + shift;
  return out;
}
