import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { tensor } from '../ir/tensor';
import { cosineSimilarity, sqnrDb } from './metrics';
import { fakeQuantize } from './quantize';
import { sampleTensor } from './samples';
import { computeParams } from './scheme';

describe('sqnrDb', () => {
  it('is 10·log10(signal / noise) (hand-computed)', () => {
    // signal 1 + 4 = 5, noise 0.01 + 0.04 = 0.05 → 10·log10(100) = 20 dB
    expect(sqnrDb([1, 2], [1.1, 1.8])).toBeCloseTo(20, 10);
    expect(sqnrDb([1, 2], [1, 2])).toBe(Infinity);
    expect(sqnrDb([0, 0], [0, 1])).toBe(-Infinity);
  });

  it('gains about 6 dB per bit on uniform data (seeded)', () => {
    const x = sampleTensor(50000, 'uniform', 3);
    const t = tensor('float32', [x.length], x);
    const at = (bits: number) =>
      sqnrDb(x, fakeQuantize(t, computeParams(-1, 1, { bits, signed: true, symmetric: false })).data);
    for (const bits of [4, 5, 6, 7]) expect(at(bits + 1) - at(bits)).toBeCloseTo(6.02, 0);
  });

  it('rejects tensors of different sizes', () => {
    expect(() => sqnrDb([1], [1, 2])).toThrow(ModelError);
  });
});

describe('cosineSimilarity', () => {
  it('is the cosine of the angle between the tensors', () => {
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 1], [2, 2])).toBeCloseTo(1, 15);
    expect(cosineSimilarity([1, 0], [-1, 0])).toBe(-1);
    expect(cosineSimilarity([3, 4], [4, 3])).toBeCloseTo(24 / 25, 15);
    expect(cosineSimilarity([0, 0], [0, 0])).toBe(1);
    expect(cosineSimilarity([0, 0], [1, 0])).toBe(0);
    expect(() => cosineSimilarity([1], [])).toThrow(ModelError);
  });
});
