import { describe, expect, it } from 'vitest';
import { makeGraph, makeModel, makeNode, typedValue } from '../ir/build';
import { zeros } from '../ir/tensor';
import { blockedLayoutReport } from './nc4hw4';

/** x [batch, 3, 2, 2] → 1×1 Conv to 6 channels → Relu → Flatten [batch, 24], float32. */
function tiny() {
  return makeModel(
    makeGraph({
      nodes: [
        makeNode('Conv', ['x', 'w'], ['y'], { name: 'conv' }),
        makeNode('Relu', ['y'], ['z'], { name: 'relu' }),
        makeNode('Flatten', ['z'], ['f'], { name: 'flatten' }),
      ],
      inputs: [typedValue('x', 'float32', ['batch', 3, 2, 2])],
      outputs: [typedValue('f', 'float32', null)],
      initializers: { w: zeros('float32', [6, 3, 1, 1]) },
    }),
  );
}

describe('blockedLayoutReport (NC4HW4 what-if)', () => {
  it('pads channels to a multiple of 4: bytes checked by hand', () => {
    const report = blockedLayoutReport(tiny());
    const rows = report.activations.map((a) => [
      a.name,
      a.channels,
      a.paddedChannels,
      a.bytes,
      a.blockedBytes,
      a.extraBytes,
    ]);
    expect(rows).toEqual([
      // 3 channels → 4: 3·2·2·4 B = 48 B becomes 4·2·2·4 B = 64 B
      ['x', 3, 4, 48, 64, 16],
      // 6 channels → 8: 96 B becomes 128 B
      ['y', 6, 8, 96, 128, 32],
      ['z', 6, 8, 96, 128, 32],
    ]);
    expect([report.bytes, report.blockedBytes, report.extraBytes]).toEqual([240, 320, 80]);
    expect(report.otherActivations).toEqual(['f']); // 2-D: not a feature map
  });

  it('says how each layout lays out one pixel: channel runs and the stride between pixels', () => {
    const [x, y] = blockedLayoutReport(tiny()).activations;
    // NCHW: channels are a whole plane (H·W = 4 elements) apart; neighbouring pixels are adjacent
    expect(x.contiguity.NCHW).toEqual({ channelRun: 1, pixelStride: 1 });
    // NHWC: all C channels of a pixel together, the next pixel C elements on
    expect(x.contiguity.NHWC).toEqual({ channelRun: 3, pixelStride: 3 });
    expect(y.contiguity.NHWC).toEqual({ channelRun: 6, pixelStride: 6 });
    // NC4HW4: at most 4 channels together (one vector), the next pixel 4 elements on whatever C is
    expect(x.contiguity.NC4HW4).toEqual({ channelRun: 3, pixelStride: 4 });
    expect(y.contiguity.NC4HW4).toEqual({ channelRun: 4, pixelStride: 4 });
  });

  it('scales with the batch', () => {
    const at1 = blockedLayoutReport(tiny());
    const at5 = blockedLayoutReport(tiny(), { batch: 5 });
    expect([at5.bytes, at5.extraBytes]).toEqual([5 * at1.bytes, 5 * at1.extraBytes]);
  });
});
