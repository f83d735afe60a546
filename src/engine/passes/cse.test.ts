import { describe, expect, it } from 'vitest';
import { cse } from './cse';
import { deadCode } from './deadCode';
import { applyPasses, outputError, seededFeeds } from './passTesting';

const HEADER = '<ir_version: 8, opset_import: ["" : 17]>';

describe('cse', () => {
  it('merges nodes with the same op, attributes and inputs, and then their readers', () => {
    const { before, result, counts } = applyPasses(
      [cse],
      `${HEADER}
      g (float[1, 2, 5, 5] x) => (float[1, 2, 5, 5] y)
      <float[2, 2, 3, 3] w = {...}>
      {
        a = Conv <pads = [1, 1, 1, 1]> (x, w)
        b = Conv <pads = [1, 1, 1, 1]> (x, w)
        ra = Relu (a)
        rb = Relu (b)
        y = Add (ra, rb)
      }`.replace('{...}', `{${Array.from({ length: 36 }, (_, i) => (i % 5) - 2).join(', ')}}`),
    );
    expect(counts.before).toEqual({ Conv: 2, Relu: 2, Add: 1 });
    expect(counts.after).toEqual({ Conv: 1, Relu: 1, Add: 1 });
    expect(result.runs[0].rewrites[0]).toMatchObject({
      removed: ['Conv_1'],
      changed: ['Conv_0', 'Relu_3'],
      origins: { Conv_0: ['Conv_0', 'Conv_1'] },
    });
    expect(result.model.graph.nodes.at(-1)!.inputs).toEqual(['ra', 'ra']);
    expect(outputError(result.model, before, seededFeeds(before, 6))).toBe(0);
  });

  it('merges equal constants, which lets the nodes reading them merge', () => {
    const { before, result, counts } = applyPasses(
      [cse, deadCode],
      `${HEADER}
      g (float[2, 3] x) => (float[2, 3] y)
      <float[3] c1 = {1, 2, 3}, float[3] c2 = {1, 2, 3}>
      { a = Add (x, c1) b = Add (x, c2) y = Mul (a, b) }`,
    );
    expect(counts.after).toEqual({ Add: 1, Mul: 1 });
    expect([...result.model.graph.initializers.keys()]).toEqual(['c1']);
    expect(outputError(result.model, before, seededFeeds(before, 7))).toBe(0);
  });

  it('bails out on other attributes, other constants (0 and −0 too), random ops and graph outputs', () => {
    const { rewrites } = applyPasses(
      [cse],
      `${HEADER}
      g (float[2, 3] x) => (float[3, 2] p, float[3, 2] q, float[2, 3] a, float[2, 3] b, float[2, 3] r, float[2, 3] s,
                            float[2, 3] o1, float[2, 3] o2)
      <float[3] zero = {0, 0, 0}, float[3] negzero = {-0.0, 0, 0}>
      {
        p = Transpose <perm = [1, 0]> (x)
        t = Transpose (x)
        q = Identity (t)
        a = Add (x, zero)
        b = Add (x, negzero)
        r = RandomUniformLike (x)
        s = RandomUniformLike (x)
        o1 = Relu (x)
        o2 = Relu (x)
      }`,
    );
    expect(rewrites).toBe(0);
  });
});
