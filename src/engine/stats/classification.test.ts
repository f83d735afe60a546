import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { tensor } from '../ir/tensor';
import { disagreements, predictions, scoreClassifier, softmaxRows } from './classification';

describe('classification scores', () => {
  const logits = tensor('float32', [3, 4], [0, 2, 1, 2, /* tie: the first */ 5, -1, 0, 0, -3, -2, -1, -0.5]);

  it('predicts the argmax of each row, the first on ties', () => {
    expect([...predictions(logits)]).toEqual([1, 0, 3]);
  });

  it('softmax rows sum to 1 and survive huge logits', () => {
    const p = softmaxRows(tensor('float32', [2, 3], [1000, 1000, 0, 1, 2, 3]));
    expect(p[0][0]).toBeCloseTo(0.5, 12);
    expect(p[0][2]).toBe(0);
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
    const s = e[0] + e[1] + e[2];
    p[1].forEach((v, c) => expect(v).toBeCloseTo(e[c] / s, 12));
  });

  it('counts correct answers and fills the confusion matrix by [label][prediction]', () => {
    const score = scoreClassifier([1, 0, 3, 3], [1, 2, 3, 0], 4);
    expect(score.correct).toBe(2);
    expect(score.total).toBe(4);
    expect(score.confusion[2][0]).toBe(1);
    expect(score.confusion[0][3]).toBe(1);
    expect(score.confusion.flat().reduce((a, b) => a + b)).toBe(4);
  });

  it('lists disagreements and rejects mismatched or out-of-range input', () => {
    expect(disagreements([1, 2, 3], [1, 0, 3])).toEqual([1]);
    expect(() => scoreClassifier([1], [1, 2], 4)).toThrow(ModelError);
    expect(() => scoreClassifier([7], [1], 4)).toThrow(/not a class 0–3/);
    expect(() => predictions(tensor('float32', [4], [1, 2, 3, 4]))).toThrow(/\[N, classes\]/);
  });
});
