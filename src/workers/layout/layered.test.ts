import { describe, expect, it } from 'vitest';
import { dummyBudget, layeredLayout } from './layered';
import { isotonic } from './positioning';
import type { LayoutInput, LayoutResult } from './types';
import { seededRandom as rng } from '../../engine';

function graph(
  n: number,
  edges: [number, number][],
  size = (i: number) => [40 + (i % 5) * 13, 30 + (i % 3) * 8],
): LayoutInput {
  return {
    widths: Float64Array.from({ length: n }, (_, i) => size(i)[0]),
    heights: Float64Array.from({ length: n }, (_, i) => size(i)[1]),
    edges: Int32Array.from(edges.flat()),
  };
}

/** A random DAG shaped like a network: mostly short forward edges, some skips, some fan-out. */
function randomDag(n: number, seed: number): LayoutInput {
  const r = rng(seed);
  const edges: [number, number][] = [];
  for (let v = 1; v < n; v++) {
    edges.push([Math.max(0, v - 1 - Math.floor(r() * 3)), v]);
    if (r() < 0.25) edges.push([Math.max(0, v - 2 - Math.floor(r() * 12)), v]);
  }
  return graph(n, edges);
}

const edgesOf = (input: LayoutInput) =>
  Array.from({ length: input.edges.length / 2 }, (_, k) => [input.edges[2 * k], input.edges[2 * k + 1]]);

function expectNoOverlap(input: LayoutInput, r: LayoutResult) {
  const n = input.widths.length;
  const ids = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => r.layer[a] - r.layer[b] || r.x[a] - r.x[b],
  );
  for (let k = 1; k < n; k++) {
    const [a, b] = [ids[k - 1], ids[k]];
    if (r.layer[a] !== r.layer[b]) continue;
    expect(
      r.x[a] + input.widths[a] / 2 + 24,
      `nodes ${a} and ${b} in layer ${r.layer[a]}`,
    ).toBeLessThanOrEqual(r.x[b] - input.widths[b] / 2 + 1e-6);
  }
  // boxes of different layers are separated vertically
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++)
      if (r.layer[a] + 1 === r.layer[b])
        expect(r.y[a] + input.heights[a] / 2).toBeLessThan(r.y[b] - input.heights[b] / 2);
}

describe('layeredLayout', () => {
  const input = randomDag(400, 7);
  const result = layeredLayout(input);

  it('places every node inside the drawing', () => {
    for (let v = 0; v < 400; v++) {
      expect(Number.isFinite(result.x[v]) && Number.isFinite(result.y[v])).toBe(true);
      expect(result.x[v] - input.widths[v] / 2).toBeGreaterThanOrEqual(-1e-6);
      expect(result.x[v] + input.widths[v] / 2).toBeLessThanOrEqual(result.width + 1e-6);
      expect(result.y[v] + input.heights[v] / 2).toBeLessThanOrEqual(result.height + 1e-6);
    }
  });

  it('never overlaps two boxes', () => {
    expectNoOverlap(input, result);
  });

  it('draws every edge downwards, from the bottom of its source to the top of its target', () => {
    for (const [k, [a, b]] of edgesOf(input).entries()) {
      expect(result.layer[b]).toBeGreaterThan(result.layer[a]);
      const first = result.edgeStart[k];
      const last = result.edgeStart[k + 1] - 1;
      expect(result.edgePoints[2 * first]).toBeCloseTo(result.x[a]);
      expect(result.edgePoints[2 * first + 1]).toBeCloseTo(result.y[a] + input.heights[a] / 2);
      expect(result.edgePoints[2 * last]).toBeCloseTo(result.x[b]);
      expect(result.edgePoints[2 * last + 1]).toBeCloseTo(result.y[b] - input.heights[b] / 2);
      for (let p = first + 1; p <= last; p++)
        expect(result.edgePoints[2 * p + 1]).toBeGreaterThanOrEqual(result.edgePoints[2 * p - 1]);
    }
  });

  it('is deterministic', () => {
    const again = layeredLayout(randomDag(400, 7));
    expect(again.x).toEqual(result.x);
    expect(again.y).toEqual(result.y);
    expect(again.edgePoints).toEqual(result.edgePoints);
  });

  it('reduces crossings below the depth-first order', () => {
    expect(result.stats.crossings).toBeLessThan(result.stats.crossingsInitial);
    expect(result.stats.dummies).toBeGreaterThan(0);
  });

  it('puts a source right above its consumer instead of at the top', () => {
    // chain 0 → 1 → 2 → 3 → 4, and a constant 5 used only by node 4
    const r = layeredLayout(
      graph(6, [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 4],
        [5, 4],
      ]),
    );
    expect(r.layer[5]).toBe(3);
    expect(r.stats.dummies).toBe(0);
  });

  it('pulls a constant chain (Constant → Unsqueeze → a late Concat) down as a whole', () => {
    // chain 0 → … → 6; constant 7 → unsqueeze 8 → node 6
    const chain: [number, number][] = [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
    ];
    const r = layeredLayout(graph(9, [...chain, [7, 8], [8, 6]]));
    expect([r.layer[7], r.layer[8]]).toEqual([4, 5]);
    expect(r.stats.dummies).toBe(0);
    // a branch off the main path (1 → 9 → 6) stays where it starts: node 1 also feeds the chain
    const branch = layeredLayout(graph(10, [...chain, [1, 9], [9, 6]]));
    expect(branch.layer[9]).toBe(2);
  });

  it('lays out a cycle by reversing one edge, and returns that edge in its own direction', () => {
    const r = layeredLayout(
      graph(3, [
        [0, 1],
        [1, 2],
        [2, 0],
      ]),
    );
    expect(r.stats.reversed).toBe(1);
    const last = r.edgeStart[3] - 1;
    // edge 2 → 0 starts at node 2 and ends at node 0
    expect(r.edgePoints[2 * r.edgeStart[2]]).toBeCloseTo(r.x[2]);
    expect(r.edgePoints[2 * last]).toBeCloseTo(r.x[0]);
  });

  it('ignores self-loops and handles empty and edgeless graphs', () => {
    const r = layeredLayout(
      graph(2, [
        [0, 0],
        [0, 1],
      ]),
    );
    expect(r.edgeStart[1] - r.edgeStart[0]).toBe(0);
    expect(r.layer[1]).toBe(1);
    expect(layeredLayout(graph(0, [])).width).toBe(0);
    const flat = layeredLayout(graph(3, []));
    expect(new Set(flat.layer)).toEqual(new Set([0]));
    expectNoOverlap(graph(3, []), flat);
  });

  it('keeps dummy nodes within budget when many edges are very long', () => {
    // 800-node chain plus an edge from the input to every node: 3·10⁵ dummies without a budget
    const n = 800;
    const edges: [number, number][] = [];
    for (let v = 1; v < n; v++) edges.push([v - 1, v], [0, v]);
    const r = layeredLayout(graph(n, edges));
    expect(r.stats.dummies).toBeLessThanOrEqual(dummyBudget(n));
    expect(r.stats.layers).toBe(n);
    expect(Number.isFinite(r.x[n - 1])).toBe(true);
  });

  it('rejects malformed input with a message naming the problem', () => {
    expect(() =>
      layeredLayout({ widths: new Float64Array(2), heights: new Float64Array(1), edges: new Int32Array() }),
    ).toThrow(/2 widths but 1 heights/);
    expect(() => layeredLayout(graph(2, [[0, 5]]))).toThrow(/refers to node 5/);
    expect(() => layeredLayout({ ...graph(1, []), widths: Float64Array.of(NaN) })).toThrow(/invalid size/);
  });

  it('reports progress through the phases up to 1', () => {
    const seen: [string, number][] = [];
    layeredLayout(randomDag(50, 1), {}, (phase, f) => seen.push([phase, f]));
    expect(seen[0][0]).toBe('layering');
    expect(seen.at(-1)).toEqual(['routing', 1]);
    for (let i = 1; i < seen.length; i++) expect(seen[i][1]).toBeGreaterThanOrEqual(seen[i - 1][1]);
  });
});

describe('isotonic (pool adjacent violators)', () => {
  it('keeps a sorted target as it is and pools a violating pair to its weighted mean', () => {
    const out = new Float64Array(3);
    isotonic(Float64Array.of(1, 2, 3), Float64Array.of(1, 1, 1), out);
    expect([...out]).toEqual([1, 2, 3]);
    isotonic(Float64Array.of(0, 4, 1), Float64Array.of(1, 1, 3), out);
    expect([...out]).toEqual([0, 1.75, 1.75]);
  });

  it('matches a brute-force search on small random cases', () => {
    const r = rng(3);
    for (let trial = 0; trial < 40; trial++) {
      const target = Float64Array.from({ length: 3 }, () => Math.round(r() * 10));
      const weight = Float64Array.from({ length: 3 }, () => 1 + Math.round(r() * 3));
      const out = new Float64Array(3);
      isotonic(target, weight, out);
      const cost = (y: ArrayLike<number>) =>
        Array.from(y).reduce((s, v, i) => s + weight[i] * (v - target[i]) ** 2, 0);
      // grid search over non-decreasing triples with step 0.25
      let best = Infinity;
      for (let a = 0; a <= 40; a++)
        for (let b = a; b <= 40; b++)
          for (let c = b; c <= 40; c++) best = Math.min(best, cost([a / 4, b / 4, c / 4]));
      expect(out[0]).toBeLessThanOrEqual(out[1]);
      expect(out[1]).toBeLessThanOrEqual(out[2]);
      expect(cost(out)).toBeLessThanOrEqual(best + 1e-9);
    }
  });
});
