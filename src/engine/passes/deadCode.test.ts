import { describe, expect, it } from 'vitest';
import { deadCode } from './deadCode';
import { applyPasses, outputError, seededFeeds } from './passTesting';

describe('dead-code', () => {
  it('removes nodes no output depends on and initializers nothing reads, keeping unused graph inputs', () => {
    const { before, result, counts, rewrites } = applyPasses(
      [deadCode],
      `<ir_version: 8, opset_import: ["" : 17]>
      g (float[2, 3] x, float[2, 3] unused) => (float[2, 3] y)
      <float[3] b = {1, 2, 3}, float[3] orphan = {4, 5, 6}>
      {
        y = Add (x, b)
        dead1 = Relu (x)
        dead2 = Mul (dead1, orphan)
      }`,
    );
    expect(counts.before).toEqual({ Add: 1, Relu: 1, Mul: 1 });
    expect(counts.after).toEqual({ Add: 1 });
    expect(rewrites).toBe(1);
    expect(result.runs[0].rewrites[0]).toMatchObject({
      removed: ['Relu_1', 'Mul_2'],
      summary: 'removed 2 dead nodes (Relu_1, Mul_2) and 1 unused initializer',
    });
    expect([...result.model.graph.initializers.keys()]).toEqual(['b']);
    expect(result.model.graph.inputs.map((v) => v.name)).toEqual(['x', 'unused']);
    expect(outputError(result.model, before, seededFeeds(before, 2))).toBe(0);
  });

  it('finds nothing to do in a graph whose every node and constant is used', () => {
    const { rewrites } = applyPasses(
      [deadCode],
      `<ir_version: 8, opset_import: ["" : 17]>
      g (float[2, 3] x) => (float[2, 3] y, float[2, 3] z) <float[3] b = {1, 2, 3}>
      { y = Add (x, b) z = Relu (y) }`,
    );
    expect(rewrites).toBe(0);
  });
});
