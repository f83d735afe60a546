import { describe, expect, it } from 'vitest';
import { convDirect, convWinograd, randomUniformTensor, seededRandom } from '../../engine';
import { MAX_TILES, runWinograd, winogradErrors } from './winograd';

function depthwise(c: number, h: number) {
  const random = seededRandom(21);
  return {
    x: randomUniformTensor(random, [1, c, h, h]),
    w: randomUniformTensor(random, [c, 1, 3, 3]),
    bias: randomUniformTensor(random, [c]),
    params: { pads: [1, 1, 1, 1], group: c },
  };
}

describe('the Winograd jobs', () => {
  it('a depthwise layer: the whole layer is counted; the trace holds channel 0’s group only', () => {
    // Like MobileNetV2's 3×3 depthwise layers: one input channel per group.
    const layer = depthwise(32, 28);
    const progress: string[] = [];
    const run = runWinograd(layer, 'F(2,3)', false, (p) => progress.push(`${p.done}/${p.total} ${p.key}`));
    expect(progress).toEqual(['0/2 winograd', '1/2 direct']);
    expect(run.tiles).toBe(14 * 14);
    expect(run.winogradCounts.mults).toBe(
      convWinograd(layer.x, layer.w, layer.bias, layer.params, { variant: 'F(2,3)' }).counts.mults,
    );
    expect(run.directCounts.mults).toBe(convDirect(layer.x, layer.w, layer.bias, layer.params).counts.mults);
    const inputs = run.events.filter((e) => e.kind === 'input');
    expect(inputs).toHaveLength(MAX_TILES);
    expect(inputs.every((e) => e.kind === 'input' && e.data.c === 0)).toBe(true);
    expect(run.events.filter((e) => e.kind === 'output')).toHaveLength(MAX_TILES);
    // The direct multiplications are listed for exactly the outputs of the traced tiles.
    expect(run.direct).toHaveLength(MAX_TILES * 4);
  });

  it('the error table covers the whole layer, with progress for each of its six runs', () => {
    const progress: string[] = [];
    const errors = winogradErrors(depthwise(4, 12), (p) => progress.push(p.key));
    expect(progress).toEqual(['reference', 'direct', 'winograd', 'winograd', 'winograd', 'winograd']);
    expect(errors.direct.maxAbsErr).toBeLessThan(errors['F(4,3)'].fp32.maxAbsErr);
    expect(errors['F(2,3)'].fp32.maxAbsErr).toBeLessThan(errors['F(2,3)'].fp16.maxAbsErr);
  });
});
