import { describe, expect, it } from 'vitest';
import { constantFolding } from './constantFolding';
import { deadCode } from './deadCode';
import { eliminateRedundant } from './eliminateRedundant';
import { applyPasses, outputError, seededFeeds } from './passTesting';

const HEADER = '<ir_version: 8, opset_import: ["" : 17]>';

/** PyTorch's export of x.view(x.size(0), -1), after MaxPool, as in digits-cnn-raw. */
const FLATTEN_BY_SHAPE = (batch: string) => `${HEADER}
  g (float[${batch}, 2, 4, 4] x) => (float[${batch}, 8] y)
  {
    p = MaxPool <kernel_shape = [2, 2], strides = [2, 2]> (x)
    i = Identity (p)
    s = Shape (i)
    zero = Constant <value = int64[] {0}> ()
    n = Gather <axis = 0> (s, zero)
    minus1 = Constant <value = int64[] {-1}> ()
    axes0 = Constant <value = int64[1] {0}> ()
    n1 = Unsqueeze (n, axes0)
    m1 = Unsqueeze (minus1, axes0)
    shape = Concat <axis = 0> (n1, m1)
    y = Reshape (i, shape)
  }`;

describe('constant-folding', () => {
  it('folds Constant nodes and nodes of constants into initializers, with the interpreter', () => {
    const { before, result, counts } = applyPasses(
      [constantFolding],
      `${HEADER}
      g (float[2, 3] x) => (float[2, 3] y)
      <float[3, 2] w = {1, 2, 3, 4, 5, 6}>
      {
        c = Constant <value = float[3] {10, 20, 30}> ()
        t = Transpose <perm = [1, 0]> (w)
        b = Add (t, c)
        y = Mul (x, b)
      }`,
    );
    expect(counts.after).toEqual({ Mul: 1 });
    const folded = result.model.graph.initializers.get('b')!;
    expect(folded.dims).toEqual([2, 3]);
    expect(Array.from(folded.data as Float32Array)).toEqual([11, 23, 35, 12, 24, 36]);
    expect(result.runs[0].rewrites.map((r) => r.summary)).toEqual([
      'folded Constant Constant_0 into the constant float32[3]',
      'folded Transpose Transpose_1 into the constant float32[2, 3]',
      'folded Add Add_2 into the constant float32[2, 3]',
    ]);
    expect(outputError(result.model, before, seededFeeds(before, 3))).toBe(0);
  });

  it.each([
    ['a static batch: Shape folds, and the whole chain with it', '3', [3, -1]],
    ['a symbolic batch: the shape computed from the tensor itself becomes [0, −1]', 'N', [0, -1]],
  ])('with %s, one Reshape with a constant shape is left', (_, batch, target) => {
    const { before, result } = applyPasses(
      [eliminateRedundant, constantFolding, deadCode],
      FLATTEN_BY_SHAPE(batch),
    );
    expect(result.after.opCounts).toEqual({ MaxPool: 1, Reshape: 1 });
    const reshape = result.model.graph.nodes[1];
    expect(Array.from(result.model.graph.initializers.get(reshape.inputs[1])!.data as Float64Array)).toEqual(
      target,
    );
    for (const N of [1, 3]) expect(outputError(result.model, before, seededFeeds(before, N, { N }))).toBe(0);
  });

  it('uses 0 for a dim of another tensor when shape inference names it with the same symbol', () => {
    // the shape of the attention's q is read from the tokens, whose batch and sequence dims it shares
    const { before, result } = applyPasses(
      [constantFolding, deadCode],
      `${HEADER}
      g (float[B, S, 4] tokens) => (float[B, S, 2, 4] q)
      <float[4, 8] w = {...}, int64[2] heads = {2, 4}, int64[] i0 = {0}, int64[] i1 = {1}, int64[1] ax = {0}>
      {
        proj = MatMul (tokens, w)
        s = Shape (tokens)
        b = Gather <axis = 0> (s, i0)
        n = Gather <axis = 0> (s, i1)
        b1 = Unsqueeze (b, ax)
        n1 = Unsqueeze (n, ax)
        shape = Concat <axis = 0> (b1, n1, heads)
        q = Reshape (proj, shape)
      }`.replace('{...}', `{${Array.from({ length: 32 }, (_, i) => (i % 7) - 3).join(', ')}}`),
    );
    expect(result.after.opCounts).toEqual({ MatMul: 1, Reshape: 1 });
    const target = result.model.graph.initializers.get(result.model.graph.nodes[1].inputs[1])!;
    expect(Array.from(target.data as Float64Array)).toEqual([0, 0, 2, 4]);
    expect(outputError(result.model, before, seededFeeds(before, 5, { B: 3, S: 7 }))).toBe(0);
  });

  it('bails out: outputs over maxFoldedElements, random ops, overridable initializers, graph outputs, other dims', () => {
    const { rewrites } = applyPasses(
      [constantFolding],
      `${HEADER}
      g (float[64, 64] x, float[2] v, float[2] over, float[N, 3] xs)
        => (float[64, 64] a, float[2] b, float[2] c, float[2] y, float[3, N] z)
      <float[1] one = {1}, int64[2] dims = {64, 64}, float[2] over = {1, 2}, float[2] k = {3, 4}, int64[] i0 = {0},
       int64[1] ax = {0}, int64[1] three = {3}>
      {
        big = Expand (one, dims)
        a = Add (x, big)
        noise = RandomUniformLike (k)
        b = Add (v, noise)
        o = Relu (over)
        c = Add (v, o)
        y = Neg (k)
        s = Shape (xs)
        n = Gather <axis = 0> (s, i0)
        n1 = Unsqueeze (n, ax)
        shape = Concat <axis = 0> (three, n1)
        z = Reshape (xs, shape)
      }`,
      { maxFoldedElements: 1000 },
    );
    expect(rewrites).toBe(0);
  });

  it('folds the same large node once the limit allows it', () => {
    const text = `${HEADER}
      g (float[64, 64] x) => (float[64, 64] a) <float[1] one = {1}, int64[2] dims = {64, 64}>
      { big = Expand (one, dims) a = Add (x, big) }`;
    expect(applyPasses([constantFolding], text, { maxFoldedElements: 4095 }).rewrites).toBe(0);
    expect(applyPasses([constantFolding], text, { maxFoldedElements: 4096 }).counts.after).toEqual({
      Add: 1,
    });
  });
});
