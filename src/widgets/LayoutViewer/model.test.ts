import { describe, expect, it } from 'vitest';
import { layoutSize, type Dims4 } from '../../engine';
import { addressesOf, dimsProblem, innerLoopOf, memorySlots, moveTrace } from './model';

const dims: Dims4 = [1, 6, 3, 4];

describe('layout viewer model', () => {
  it('NC4HW4 stores 8 channel slots for 6 channels: the two padding lanes of every pixel are empty', () => {
    const slots = memorySlots('NC4HW4', dims);
    expect(slots).toHaveLength(layoutSize('NC4HW4', dims));
    expect(slots.filter((s) => s === null)).toHaveLength(2 * 3 * 4);
    // Block 1 of pixel (0, 0): channels 4, 5, then two padding lanes.
    const at = 1 * 3 * 4 * 4;
    expect(slots.slice(at, at + 4)).toEqual([
      { n: 0, c: 4, h: 0, w: 0 },
      { n: 0, c: 5, h: 0, w: 0 },
      null,
      null,
    ]);
    expect(memorySlots('NHWC', dims).every((s) => s !== null)).toBe(true);
  });

  it('addresses and slots are inverse maps', () => {
    for (const layout of ['NCHW', 'NHWC', 'NC4HW4'] as const) {
      const slots = memorySlots(layout, dims);
      const addresses = addressesOf(layout, dims);
      addresses.forEach((a, i) => {
        const p = slots[a]!;
        expect(((p.n * 6 + p.c) * 3 + p.h) * 4 + p.w).toBe(i);
      });
    }
    expect(Array.from(addressesOf('NCHW', dims))).toEqual(Array.from({ length: 72 }, (_, i) => i));
  });

  it('same-padded inner loops: a corner reads fewer taps; NHWC touches fewer cache lines than NCHW', () => {
    const big: Dims4 = [1, 16, 8, 8];
    const nchw = innerLoopOf('NCHW', big, 3, 3, 3);
    const nhwc = innerLoopOf('NHWC', big, 3, 3, 3);
    expect(nchw.reads).toHaveLength(144);
    expect(nhwc.lines.length).toBeLessThan(nchw.lines.length);
    expect(innerLoopOf('NCHW', big, 3, 0, 0).reads).toHaveLength(16 * 4);
    expect(innerLoopOf('NHWC', big, 1, 7, 7).reads).toHaveLength(16);
  });

  it('records one move per element; unpack moves run the other way', () => {
    const data = Float32Array.from({ length: 72 }, (_, i) => i);
    const pack = moveTrace('NHWC', dims, data, 'pack');
    const unpack = moveTrace('NHWC', dims, data, 'unpack');
    expect(pack).toHaveLength(72);
    expect(unpack).toHaveLength(72);
    expect(pack[1].data).toMatchObject({ from: 1, to: 6 });
    expect(unpack[1].data).toMatchObject({ from: 6, to: 1 });
  });

  it('names the first dimension outside what the viewer can draw', () => {
    expect(dimsProblem([1, 6, 3, 4])).toBeNull();
    expect(dimsProblem([1, 65, 3, 4])).toBe('c');
    expect(dimsProblem([0, 6, 3, 4])).toBe('n');
    expect(dimsProblem([1, 6, 3.5, 4])).toBe('h');
    expect(dimsProblem([2, 16, 8, 8])).toBe('elements');
  });
});
