import { describe, expect, it } from 'vitest';
import { dequantizeValue } from '../quant/quantize';
import { seededRandom } from '../stats/rng';
import { convDirect } from './direct';
import { convIndirectQuantized } from './indirect-quantized';
import { minMax, quantizeConvLayer } from './quantize-layer';
import { requantize, requantizeSteps } from './requantize';
import { randomUniformTensor } from './seeded';

describe('quantizeConvLayer', () => {
  it('quantizes a layer so the uint8 indirect kernel lands within about one output step of the float result', () => {
    const random = seededRandom(71);
    const x = randomUniformTensor(random, [1, 8, 7, 6], -1, 3);
    const w = randomUniformTensor(random, [5, 8, 3, 3], -0.5, 0.5);
    const bias = randomUniformTensor(random, [5]);
    const params = { pads: [1, 1, 1, 1] };
    const ref = convDirect(x, w, bias, params).output.data;
    const q = quantizeConvLayer(x, w, bias, params, minMax(ref));
    // Input: asymmetric uint8 over its own range; weights: symmetric int8, one scale per output channel.
    expect(q.x.dtype).toBe('uint8');
    expect(Math.min(...q.x.data)).toBe(0);
    expect(Math.max(...q.x.data)).toBe(255);
    expect(q.w.dtype).toBe('int8');
    expect(q.quant.w.zeroPoint).toBe(0);
    expect(q.quant.w.scale).toHaveLength(5);
    // Bias at scale sx·sw[m]: it dequantizes back to the float bias within half a step.
    const sw = q.quant.w.scale as number[];
    q.bias!.data.forEach((b, m) =>
      expect(Math.abs(b * q.quant.x.scale * sw[m] - bias.data[m])).toBeLessThanOrEqual(
        (q.quant.x.scale * sw[m]) / 2,
      ),
    );
    const y = convIndirectQuantized(q.x, q.w, q.bias, params, q.quant).output.data;
    let worst = 0;
    y.forEach((v, i) => (worst = Math.max(worst, Math.abs(dequantizeValue(v, q.y) - ref[i]))));
    // Input and weight rounding add up over 72 products; a few output steps is the expected size.
    expect(worst).toBeLessThan(4 * q.y.scale);
    expect(worst).toBeGreaterThan(0);
  });
});

describe('requantizeSteps', () => {
  it('shows the stages of requantize and ends at the same value', () => {
    const random = seededRandom(72);
    for (let i = 0; i < 2000; i++) {
      const acc = Math.floor((random() - 0.5) * 200_000);
      const multiplier = random() * 0.01;
      const zero = Math.floor(random() * 256);
      const steps = requantizeSteps(acc, multiplier, zero, 'uint8');
      expect(steps.output).toBe(requantize(acc, multiplier, zero, 'uint8'));
      expect(steps.shifted).toBe(steps.rounded + zero);
    }
    expect(requantizeSteps(5, 0.5, 10, 'uint8')).toEqual({
      scaled: 2.5,
      rounded: 2,
      shifted: 12,
      output: 12,
    });
    expect(requantizeSteps(-1000, 1, 3, 'uint8')).toMatchObject({ shifted: -997, output: 0 });
  });
});
