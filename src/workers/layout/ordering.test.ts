import { describe, expect, it } from 'vitest';
import { countCrossings, initialOrder, orderLayers, type ProperGraph } from './ordering';

/** A proper graph from layer sizes and segments (node ids numbered layer by layer). */
function proper(layerOf: number[], segments: [number, number][]): ProperGraph {
  return {
    nodeCount: layerOf.length,
    layer: Int32Array.from(layerOf),
    layerCount: Math.max(...layerOf) + 1,
    up: Int32Array.from(segments.map((s) => s[0])),
    down: Int32Array.from(segments.map((s) => s[1])),
  };
}

const fixedOrder = (layers: number[][], n: number) => {
  const pos = new Int32Array(n);
  for (const l of layers) l.forEach((v, i) => (pos[v] = i));
  return { layers: layers.map((l) => Int32Array.from(l)), pos };
};

describe('countCrossings', () => {
  it('counts the crossings of a given order exactly', () => {
    // layer 0: a b c, layer 1: d e f; a–f, b–e, c–d cross pairwise: 3 crossings
    const g = proper(
      [0, 0, 0, 1, 1, 1],
      [
        [0, 5],
        [1, 4],
        [2, 3],
      ],
    );
    expect(
      countCrossings(
        g,
        fixedOrder(
          [
            [0, 1, 2],
            [3, 4, 5],
          ],
          6,
        ),
      ),
    ).toBe(3);
    expect(
      countCrossings(
        g,
        fixedOrder(
          [
            [0, 1, 2],
            [5, 4, 3],
          ],
          6,
        ),
      ),
    ).toBe(0);
    // shared endpoints do not cross
    const fan = proper(
      [0, 1, 1, 1],
      [
        [0, 1],
        [0, 2],
        [0, 3],
      ],
    );
    expect(countCrossings(fan, fixedOrder([[0], [3, 1, 2]], 4))).toBe(0);
  });

  it('agrees with a pairwise count on a random two-layer graph', () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const top = 12;
    const bottom = 15;
    const segments: [number, number][] = [];
    for (let i = 0; i < 40; i++) segments.push([Math.floor(next() * top), top + Math.floor(next() * bottom)]);
    const g = proper([...Array(top).fill(0), ...Array(bottom).fill(1)], segments);
    const order = initialOrder(g);
    let pairwise = 0;
    for (const [a, b] of segments)
      for (const [c, d] of segments)
        if (order.pos[a] < order.pos[c] && order.pos[b] > order.pos[d]) pairwise++;
    expect(countCrossings(g, order)).toBe(pairwise);
  });
});

describe('orderLayers', () => {
  it('removes a crossing that the depth-first order leaves', () => {
    // Depth-first from node 0 places 4 (and its children 5, 6) first; the source 3 comes last in
    // layer 1, so its segment 3 → 5 crosses 4 → 6 until a sweep moves 3 to the left.
    const g = proper(
      [0, 0, 1, 1, 1, 2, 2],
      [
        [3, 5],
        [4, 5],
        [0, 4],
        [0, 2],
        [4, 6],
      ],
    );
    const result = orderLayers(g, 8);
    expect(result.crossingsInitial).toBe(1);
    expect(result.crossings).toBe(0);
    expect(countCrossings(g, result)).toBe(0);
  });
});
