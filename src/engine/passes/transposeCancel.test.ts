import { describe, expect, it } from 'vitest';
import { parseModelText } from '../onnx/text/parse';
import { applyPasses, outputError, seededFeeds } from './passTesting';
import { transposeCancel } from './transposeCancel';

const HEADER = '<ir_version: 8, opset_import: ["" : 17]>';

describe('transpose-cancel', () => {
  it('removes a Transpose followed by its inverse (NCHW → NHWC → NCHW)', () => {
    const before = parseModelText(`${HEADER}
      g (float[N, 3, 4, 5] x) => (float[N, 3, 4, 5] y)
      { t = Transpose <perm = [0, 2, 3, 1]> (x) u = Transpose <perm = [0, 3, 1, 2]> (t) y = Relu (u) }`);
    const { result, counts } = applyPasses([transposeCancel], before);
    expect(counts.after).toEqual({ Relu: 1 });
    expect(result.runs[0].rewrites[0].removed).toEqual(['Transpose_1', 'Transpose_0']);
    expect(outputError(result.model, before, seededFeeds(before, 20))).toBe(0);
  });

  it('merges two Transposes into one permutation, also without perm (reversal)', () => {
    const before = parseModelText(`${HEADER}
      g (float[2, 3, 4] x) => (float[3, 2, 4] y)
      { t = Transpose (x) y = Transpose <perm = [1, 2, 0]> (t) }`);
    const { result, counts } = applyPasses([transposeCancel], before);
    expect(counts.after).toEqual({ Transpose: 1 });
    // t = x reversed: axes (2, 1, 0); y takes t's axes (1, 2, 0) = x's axes (1, 0, 2)
    expect(result.model.graph.nodes[0].attributes.perm).toEqual({ type: 'ints', value: [1, 0, 2] });
    expect(outputError(result.model, before, seededFeeds(before, 21))).toBe(0);
  });

  it('keeps the first Transpose when something else reads it', () => {
    const before = parseModelText(`${HEADER}
      g (float[2, 3] x) => (float[2, 3] y, float[3, 2] z)
      { z = Transpose <perm = [1, 0]> (x) y = Transpose <perm = [1, 0]> (z) }`);
    const { result } = applyPasses([transposeCancel], before);
    // y is a graph output written by the second Transpose, whose input is a graph input: it cannot go
    expect(result.after.opCounts).toEqual({ Transpose: 2 });
    const inner = parseModelText(`${HEADER}
      g (float[2, 3] x) => (float[2, 3] y, float[3, 2] z)
      { z = Transpose <perm = [1, 0]> (x) u = Transpose <perm = [1, 0]> (z) y = Relu (u) }`);
    const merged = applyPasses([transposeCancel], inner);
    expect(merged.counts.after).toEqual({ Transpose: 1, Relu: 1 });
    expect(outputError(merged.result.model, inner, seededFeeds(inner, 22))).toBe(0);
  });
});
