import { describe, expect, it } from 'vitest';
import { convDirect, convShape, randomUniformTensor, seededRandom } from '../../engine';
import { basicsWindow, runBasics, TRACE_OUTPUTS, TRACE_TAPS } from './basics';

function layer(c: number, m: number, h: number, w: number, k: number, group = 1) {
  const random = seededRandom(11);
  return {
    x: randomUniformTensor(random, [1, c, h, w]),
    w: randomUniformTensor(random, [m, c / group, k, k]),
    bias: randomUniformTensor(random, [m]),
    params: { pads: [1, 1, 1, 1], group },
  };
}

describe('the convolution-basics job', () => {
  it('traces every output element of a small layer', () => {
    const run = runBasics(layer(2, 3, 5, 5, 3));
    expect(run.window).toEqual({ channels: 3, rows: 5, cols: 5 });
    expect(run.events).toHaveLength(3 * 25);
    expect(run.outputs).toBe(3 * 25);
  });

  it('a large layer: the whole layer is computed and counted, a top-left corner of channel 0 is traced', () => {
    const l = layer(3, 8, 40, 40, 3);
    const progress: string[] = [];
    const run = runBasics(l, (p) => progress.push(`${p.done}/${p.total} ${p.key}`));
    expect(progress).toEqual(['0/1 direct']);
    expect(run.window).toEqual({ channels: 1, rows: 32, cols: 32 });
    expect(run.events).toHaveLength(32 * 32);
    expect(run.events.every((e) => e.data.m === 0 && e.data.oh < 32 && e.data.ow < 32)).toBe(true);
    expect(run.outputs).toBe(8 * 40 * 40);
    expect(run.mults).toBe(convDirect(l.x, l.w, l.bias, l.params).counts.mults);
    // The traced values are the engine's outputs.
    const y = convDirect(l.x, l.w, l.bias, l.params).output.data;
    for (const e of run.events) expect(e.data.value).toBe(y[e.data.oh * 40 + e.data.ow]);
  });

  it('keeps the traced products within budget when each output has many taps', () => {
    // A 1×1 convolution over 960 channels (MobileNetV2-224's widest): 62 outputs of 960 taps.
    const s = convShape([1, 960, 7, 7], [160, 960, 1, 1], {});
    const window = basicsWindow(s);
    expect(window.channels).toBe(1);
    expect(window.rows * window.cols * 960).toBeLessThanOrEqual(TRACE_TAPS);
    expect(window.rows * window.cols).toBeGreaterThanOrEqual(16);
    expect(window.rows * window.cols).toBeLessThanOrEqual(TRACE_OUTPUTS);
  });
});
