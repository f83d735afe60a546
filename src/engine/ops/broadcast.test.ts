import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { broadcastDims, broadcastIndex, broadcastShapes } from './broadcast';
import type { OpContext } from './types';

const ctx: OpContext = {
  node: { name: 'b', opType: 'Add', domain: '', inputs: [], outputs: [], attributes: {} },
  opset: 17,
};

describe('broadcasting (ONNX docs/Broadcasting.md)', () => {
  it('aligns shapes on the right and stretches 1s', () => {
    expect(broadcastShapes(ctx, [[2, 3, 4, 5], [5]])).toEqual([2, 3, 4, 5]);
    expect(
      broadcastShapes(ctx, [
        [4, 5],
        [2, 3, 1, 1],
      ]),
    ).toEqual([2, 3, 4, 5]);
    expect(broadcastShapes(ctx, [[1, 4, 5], [2, 1, 1], []])).toEqual([2, 4, 5]);
    expect(() =>
      broadcastShapes(ctx, [
        [2, 3],
        [3, 2],
      ]),
    ).toThrow(ModelError);
  });

  it('maps each output index to the input element it reads', () => {
    expect(broadcastIndex([3], [3])).toBeNull();
    expect(Array.from(broadcastIndex([2, 1], [2, 3])!)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(broadcastIndex([3], [2, 3])!)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(Array.from(broadcastIndex([], [2, 2])!)).toEqual([0, 0, 0, 0]);
  });

  it('keeps symbols where it can', () => {
    expect(
      broadcastDims(ctx, [
        ['N', 1, 8],
        [4, 1],
      ]),
    ).toEqual(['N', 4, 8]);
    expect(broadcastDims(ctx, [['N'], ['M']])).toEqual(['?']);
    expect(broadcastDims(ctx, [['N', 3], null])).toBeNull();
  });
});
