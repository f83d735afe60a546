import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { modelSize } from './size';

describe('modelSize', () => {
  it('counts a conv weight, its bias and a layer kept in float (hand-computed)', () => {
    const size = modelSize([
      { numel: 16 * 8 * 3 * 3, channels: 16, kind: 'weight' }, // 1152 int8 + 16 scales + 16 zero points
      { numel: 16, channels: 16, kind: 'bias' }, // 16 int32 + 16 scales + 16 int32 zero points
      { numel: 100, channels: 1, kind: 'float' },
    ]);
    expect(size.floatBytes).toBe(4 * (1152 + 16 + 100));
    expect(size.parts).toEqual({ values: 1152 + 64, scales: 64 + 64, zeroPoints: 16 + 64, float: 400 });
    expect(size.quantizedBytes).toBe(1216 + 128 + 80 + 400);
    expect(size.ratio).toBeCloseTo(size.quantizedBytes / size.floatBytes, 15);
  });

  it('approaches 1/4 for large per-tensor int8 weights, and 1/8 packed at 4 bits', () => {
    expect(modelSize([{ numel: 1e6, channels: 1, kind: 'weight' }]).ratio).toBeCloseTo(0.25, 5);
    expect(
      modelSize([{ numel: 1e6, channels: 1, kind: 'weight' }], { bits: 4, packed: true }).ratio,
    ).toBeCloseTo(0.125, 5);
    expect(modelSize([{ numel: 1e6, channels: 1, kind: 'weight' }], { bits: 4 }).ratio).toBeCloseTo(0.25, 5);
  });

  it('rejects bad counts and bit widths', () => {
    expect(() => modelSize([{ numel: -1, channels: 1, kind: 'weight' }])).toThrow(ModelError);
    expect(() => modelSize([{ numel: 4, channels: 0, kind: 'weight' }])).toThrow(/weight 0/);
    expect(() => modelSize([], { bits: 9 })).toThrow(ModelError);
  });
});
