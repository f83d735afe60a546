// Phase 3: horizontal coordinates. Each layer keeps its order and minimum spacing, and its nodes are pulled
// towards the weighted mean x of their neighbours in the layer above (down pass) or below (up pass).
// For one layer that is a least-squares problem under ordering constraints, solved exactly and in linear
// time as an isotonic regression by pool-adjacent-violators: with offsets o_i (the packed positions),
// y_i = x_i − o_i must be non-decreasing. Segments between dummy nodes weigh more, so long edges run
// straight (the weighting idea of Gansner et al., "A technique for drawing directed graphs", 1993).
import { adjacency } from './csr';
import type { ProperGraph } from './ordering';

export interface Spacing {
  /** Box width of every node of the proper graph (dummies included). */
  width: Float64Array;
  gap: number;
}

/**
 * Weighted isotonic regression: the non-decreasing y minimising Σ w_i (y_i − target_i)², in place in `out`.
 * Pool-adjacent-violators with a stack of blocks.
 */
export function isotonic(
  target: Float64Array,
  weight: Float64Array,
  out: Float64Array,
  n = target.length,
  scratch = isotonicScratch(n),
): void {
  const { blockSum, blockWeight, blockEnd } = scratch;
  let blocks = 0;
  for (let i = 0; i < n; i++) {
    blockSum[blocks] = target[i] * weight[i];
    blockWeight[blocks] = weight[i];
    blockEnd[blocks] = i + 1;
    blocks++;
    while (
      blocks > 1 &&
      blockSum[blocks - 2] / blockWeight[blocks - 2] > blockSum[blocks - 1] / blockWeight[blocks - 1]
    ) {
      blockSum[blocks - 2] += blockSum[blocks - 1];
      blockWeight[blocks - 2] += blockWeight[blocks - 1];
      blockEnd[blocks - 2] = blockEnd[blocks - 1];
      blocks--;
    }
  }
  let i = 0;
  for (let b = 0; b < blocks; b++) {
    const mean = blockSum[b] / blockWeight[b];
    for (; i < blockEnd[b]; i++) out[i] = mean;
  }
}

export const isotonicScratch = (n: number) => ({
  blockSum: new Float64Array(n),
  blockWeight: new Float64Array(n),
  blockEnd: new Int32Array(n),
});

/** Segment weight: 1 between real nodes, 2 with one dummy end, 8 between two dummies. */
export function segmentWeight(u: number, v: number, realCount: number): number {
  const dummies = (u >= realCount ? 1 : 0) + (v >= realCount ? 1 : 0);
  return dummies === 2 ? 8 : dummies === 1 ? 2 : 1;
}

export function assignX(
  g: ProperGraph,
  layers: Int32Array[],
  spacing: Spacing,
  realCount: number,
  iterations: number,
  progress?: (fraction: number) => void,
): Float64Array {
  const x = new Float64Array(g.nodeCount);
  const inEdges = adjacency(g.nodeCount, g.down);
  const outEdges = adjacency(g.nodeCount, g.up);
  let widest = 0;
  for (const l of layers) widest = Math.max(widest, l.length);
  const offset = new Float64Array(widest);
  const target = new Float64Array(widest);
  const weight = new Float64Array(widest);
  const y = new Float64Array(widest);

  const offsets = (layer: Int32Array) => {
    offset[0] = 0;
    for (let i = 1; i < layer.length; i++)
      offset[i] = offset[i - 1] + (spacing.width[layer[i - 1]] + spacing.width[layer[i]]) / 2 + spacing.gap;
  };

  // Start packed and centred on x = 0.
  for (const layer of layers) {
    offsets(layer);
    const centre = layer.length ? offset[layer.length - 1] / 2 : 0;
    for (let i = 0; i < layer.length; i++) x[layer[i]] = offset[i] - centre;
  }

  const scratch = isotonicScratch(widest);
  /** Adds the weighted positions of v's neighbours through one edge list to the running sums. */
  let sum = 0;
  let total = 0;
  // A neighbour with nothing beyond it (a source above, a sink below: weights through Identity, Constant
  // nodes, graph outputs) follows its node rather than leading it; at full weight, a chain whose every
  // node has a constant beside it drifts sideways by half a box per layer.
  const free = (u: number, beyond: Int32Array) => beyond[u] === beyond[u + 1];
  const pull = (v: number, start: Int32Array, ids: Int32Array, other: Int32Array, beyond: Int32Array) => {
    for (let k = start[v]; k < start[v + 1]; k++) {
      const u = other[ids[k]];
      const w = segmentWeight(u, v, realCount) * (free(u, beyond) ? 0.001 : 1);
      sum += w * x[u];
      total += w;
    }
  };
  /** Moves one layer towards its neighbours above, below, or both. */
  const place = (layer: Int32Array, above: boolean, below: boolean) => {
    const n = layer.length;
    if (n === 0) return;
    offsets(layer);
    for (let i = 0; i < n; i++) {
      const v = layer[i];
      sum = 0;
      total = 0;
      if (above) pull(v, inEdges.start, inEdges.ids, g.up, inEdges.start);
      if (below) pull(v, outEdges.start, outEdges.ids, g.down, outEdges.start);
      // a node with no neighbours on that side barely resists being pushed aside, and a leaf gives way
      // to the nodes of the main path it shares a target with
      const leaf = free(v, inEdges.start) || free(v, outEdges.start);
      target[i] = (total > 0 ? sum / total : x[v]) - offset[i];
      weight[i] = total > 0 ? total * (leaf ? 0.001 : 1) : 1e-3;
    }
    isotonic(target, weight, y, n, scratch);
    for (let i = 0; i < n; i++) x[layer[i]] = y[i] + offset[i];
  };

  for (let it = 0; it < iterations; it++) {
    for (let l = 1; l < layers.length; l++) place(layers[l], true, false);
    for (let l = layers.length - 2; l >= 0; l--) place(layers[l], false, true);
    progress?.((it + 1) / (iterations + 1));
  }
  for (let l = 0; l < layers.length; l++) place(layers[l], true, true);
  progress?.(1);
  return x;
}
