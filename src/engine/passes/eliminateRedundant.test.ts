import { describe, expect, it } from 'vitest';
import { eliminateRedundant } from './eliminateRedundant';
import { applyPasses, outputError, seededFeeds } from './passTesting';

const HEADER = '<ir_version: 8, opset_import: ["" : 17]>';

describe('eliminate-redundant', () => {
  it('removes every kind of no-op node, and the outputs stay exactly the same', () => {
    const { before, result, counts, rewrites } = applyPasses(
      [eliminateRedundant],
      `${HEADER}
      g (float[N, 4] x) => (float[N, 4] y)
      <int64[2] own = {0, -1}, int64[4] nopad = {0, 0, 0, 0}, int64[1] s0 = {0}, int64[1] big = {9223372036854775807},
       int64[1] ax = {1}, float[1] one = {1}, float[1, 4] zeros = {0, 0, 0, 0}>
      {
        a = Identity (x)
        b = Dropout (a)
        c = Cast <to = 1> (b)
        d = Transpose <perm = [0, 1]> (c)
        e = Reshape (d, own)
        f = Pad (e, nopad)
        g1 = Slice (f, s0, big, ax)
        h = Unsqueeze (g1, ax)
        i = Squeeze (h, ax)
        j = Mul (one, i)
        k = Add (j, zeros)
        y = Relu (k)
      }`,
    );
    expect(counts.before).toMatchObject({
      Identity: 1,
      Dropout: 1,
      Cast: 1,
      Transpose: 1,
      Reshape: 1,
      Pad: 1,
    });
    expect(counts.after).toEqual({ Relu: 1 });
    // the Squeeze ∘ Unsqueeze pair goes in one rewrite
    expect(rewrites).toBe(10);
    expect(result.model.graph.nodes[0].inputs).toEqual(['x']);
    expect(outputError(result.model, before, seededFeeds(before, 1, { N: 3 }))).toBe(0);
  });

  it('names what it removed and why', () => {
    const { result } = applyPasses(
      [eliminateRedundant],
      `${HEADER} g (float[2] x) => (float[2] y) { a = Identity (x) y = Relu (a) }`,
    );
    const [rewrite] = result.runs[0].rewrites;
    expect(rewrite).toMatchObject({
      pass: 'eliminate-redundant',
      removed: ['Identity_0'],
      added: [],
      changed: [],
    });
    expect(rewrite.summary).toBe('removed Identity_0: Identity');
  });

  it('removes a Dropout whose mask output is named but unused', () => {
    const { counts } = applyPasses(
      [eliminateRedundant],
      `${HEADER} g (float[2] x) => (float[2] y) { a, mask = Dropout (x) y = Relu (a) }`,
    );
    expect(counts.after).toEqual({ Relu: 1 });
  });

  it('keeps the graph output name when the removed node wrote it', () => {
    const { result, counts } = applyPasses(
      [eliminateRedundant],
      `${HEADER} g (float[2] x) => (float[2] y) { a = Relu (x) y = Identity (a) }`,
    );
    expect(counts.after).toEqual({ Relu: 1 });
    expect(result.model.graph.nodes[0].outputs).toEqual(['y']);
  });

  it('bails out on look-alikes that are not no-ops', () => {
    const { counts, rewrites } = applyPasses(
      [eliminateRedundant],
      `${HEADER}
      g (float[N, 4] x) => (float[N, 4] y, bool[N, 4] m, double[N, 4] c, float[4, N] d, float[2, 2, N] e,
                            float[N, 6] f, float[N, 3] s, float[N, 1, 4] k, float[N, 4] q, float[N, 4] u,
                            float[2, 4] w, float[N, 4] z)
      <int64[3] split = {2, 2, -1}, int64[4] pads = {0, 1, 0, 1}, int64[1] one = {1}, int64[1] ax1 = {1},
       int64[2] ax12 = {1, 2}, int64[1] big = {9223372036854775807}, float[1] two = {2},
       float[1, 4] zeros = {0, 0, 0, 0}, float[2, 4] zeros24 = {0, 0, 0, 0, 0, 0, 0, 0}, float[] ratio = {0.5},
       bool[] yes = {1}>
      {
        y, m = Dropout (x)
        r = Dropout (x, ratio, yes)
        c = Cast <to = 11> (r)
        d = Transpose <perm = [1, 0]> (x)
        e = Reshape (x, split)
        f = Pad (x, pads)
        s = Slice (x, one, big, ax1)
        h = Unsqueeze (x, ax12)
        k = Squeeze (h, ax1)
        q = Mul (x, two)
        u = Sub (zeros, x)
        w = Add (x, zeros24)
        z = Identity (x)
      }`,
    );
    expect(rewrites).toBe(0);
    expect(counts.after).toEqual(counts.before);
  });

  it('Dropout before opset 7 is a no-op only with is_test = 1', () => {
    const model = (isTest: number) => `<ir_version: 3, opset_import: ["" : 6]>
      g (float[2, 3] x) => (float[2, 3] y) { a = Dropout <is_test = ${isTest}> (x) y = Relu (a) }`;
    expect(applyPasses([eliminateRedundant], model(1)).counts.after).toEqual({ Relu: 1 });
    expect(applyPasses([eliminateRedundant], model(0)).rewrites).toBe(0);
  });
});
