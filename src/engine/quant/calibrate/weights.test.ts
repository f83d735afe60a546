import { describe, expect, it } from 'vitest';
import { tensor } from '../../ir/tensor';
import { sqnrDb } from '../metrics';
import { fakeQuantize } from '../quantize';
import { sampleTensor } from '../samples';
import { INT8_SYMMETRIC, computeParams, isPerChannel } from '../scheme';
import { weightParams } from './weights';

describe('weightParams', () => {
  it('is per output channel (axis 0) by default, from each channel’s min/max', () => {
    const w = tensor('float32', [2, 3], [0.1, -0.2, 0.3, 5, -10, 2]);
    const p = weightParams(w, INT8_SYMMETRIC);
    expect(p).toEqual({
      axis: 0,
      channels: [computeParams(-0.2, 0.3, INT8_SYMMETRIC), computeParams(-10, 5, INT8_SYMMETRIC)],
    });
    expect(weightParams(w, INT8_SYMMETRIC, -1)).toMatchObject({ axis: 1 });
    expect(weightParams(w, INT8_SYMMETRIC, null)).toEqual(computeParams(-10, 5, INT8_SYMMETRIC));
  });

  it('beats per-tensor when channels differ in scale (a seeded conv weight [16, 8, 3, 3])', () => {
    const dims = [16, 8, 3, 3];
    const data = new Float32Array(16 * 72);
    for (let c = 0; c < 16; c++) data.set(sampleTensor(72, 'gaussian', 50 + c, 0.01 * 1.5 ** c), c * 72);
    const w = tensor('float32', dims, data);
    const perChannel = weightParams(w, INT8_SYMMETRIC);
    const perTensor = weightParams(w, INT8_SYMMETRIC, null);
    expect(isPerChannel(perChannel) && perChannel.channels.length).toBe(16);
    // The smallest channel shares a grid 1.5^15 ≈ 440× too coarse for it under per-tensor scaling.
    const smallest = (p: typeof perTensor) =>
      sqnrDb(data.subarray(0, 72), fakeQuantize(w, p).data.subarray(0, 72));
    expect(smallest(perChannel)).toBeGreaterThan(30);
    expect(smallest(perTensor)).toBeLessThan(3);
  });
});
