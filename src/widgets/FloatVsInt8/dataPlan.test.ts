import { describe, expect, it } from 'vitest';
import { ModelError, type ValueInfo } from '../../engine';
import { dataPlanFor } from './dataPlan';

const input = (shape: (number | string)[] | null, dtype = 'float32'): ValueInfo => ({
  name: 'x',
  type: { dtype: dtype as 'float32', shape },
});

describe('dataPlanFor a model the reader brings', () => {
  it('feeds the app digits to an 8×8 single-channel classifier', () => {
    expect(dataPlanFor(null, [input(['N', 1, 8, 8])]).preprocessing).toMatchObject({
      kind: 'digits',
      size: 8,
      divideBy: 16,
    });
  });

  it('feeds synthetic images to any other square image model', () => {
    expect(dataPlanFor(null, [input([1, 3, 224, 224])]).preprocessing).toEqual({
      kind: 'synthetic',
      layout: 'NCHW',
      channels: 3,
      size: 224,
    });
  });

  it('explains what is wrong with inputs it cannot feed', () => {
    expect(() => dataPlanFor(null, [])).toThrow(/one image input; this one has 0 inputs/);
    expect(() => dataPlanFor(null, [input(['N', 4])])).toThrow(/\[batch, channels, height, width\]/);
    expect(() => dataPlanFor(null, [input(['N', 3, 'h', 'w'])])).toThrow(/fixed, square images/);
    expect(() => dataPlanFor(null, [input(['N', 3, 32, 16])])).toThrow(ModelError);
    expect(() => dataPlanFor(null, [input(['N', 1, 8, 8], 'int64')])).toThrow(/must be float32, it is int64/);
  });
});
