import { describe, expect, it } from 'vitest';
import { CONV_ALGORITHMS } from './algorithms';
import { convShape } from './conv-shape';
import { convReference64 } from './direct';
import { numericError } from './error';
import { randomUniformTensor } from './seeded';
import { seededRandom } from '../stats/rng';

describe('the algorithm table', () => {
  const random = seededRandom(81);
  const x = randomUniformTensor(random, [1, 8, 9, 9]);
  const w = randomUniformTensor(random, [6, 8, 3, 3]);
  const bias = randomUniformTensor(random, [6]);
  const params = { pads: [1, 1, 1, 1] };
  const ref = convReference64(x, w, bias, params);
  const range: [number, number] = [Math.min(...ref), Math.max(...ref)];

  it.each(CONV_ALGORITHMS.map((a) => [a.name, a] as const))(
    '%s runs the layer and keeps its output',
    (_, algo) => {
      expect(algo.notApplicable(convShape(x.dims, w.dims, params))).toBeNull();
      const run = algo.prepare(x, w, bias, params, range);
      const counts = run.run();
      expect(counts.mults).toBeGreaterThan(0);
      const err = numericError(run.output(), ref);
      // Float kernels: float32 rounding only. The uint8 kernel: quantization error, a few output steps at most
      // (input step ≈ 2/255, int8 weights, output step = range/255).
      if (algo.precision === 'fp16-transforms') {
        // float16 keeps 11 significant bits (≈ 5e-4 relative); the transforms amplify that (F(4×4,3×3)'s
        // coefficients range from 1/24 to 8): within 5% of the output range, and clearly above float32's error.
        expect(err.maxRelErr).toBeLessThan(0.05);
        expect(err.maxRelErr).toBeGreaterThan(1e-4);
      } else {
        // float32 rounding only; for uint8, quantization: a few output steps (range / 255) at most.
        expect(err.maxAbsErr).toBeLessThan(
          algo.precision === 'fp32' ? 1e-4 : (4 * (range[1] - range[0])) / 255,
        );
      }
    },
  );

  it('Winograd reports shapes it does not apply to; the others take any layer', () => {
    const strided = convShape([1, 2, 8, 8], [2, 2, 3, 3], { strides: [2, 2] });
    const reasons = Object.fromEntries(CONV_ALGORITHMS.map((a) => [a.name, a.notApplicable(strided)]));
    expect(reasons['winograd-F(4x4,3x3)']).toMatch(/stride/);
    expect(reasons['direct']).toBeNull();
    expect(reasons['indirect-uint8']).toBeNull();
  });
});
