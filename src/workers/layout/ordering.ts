// Phase 2: order the nodes inside each layer to reduce edge crossings. The graph here is "proper": every
// segment joins layer l to layer l + 1 (long edges were split by dummy nodes). A depth-first initial order,
// then barycenter sweeps down and up (Sugiyama, Tagawa & Toda 1981), keeping the order with the fewest
// crossings, counted exactly with the accumulator-tree method of Barth, Jünger & Mutzel (2002).
import { adjacency } from './csr';

export interface ProperGraph {
  /** Nodes (real first, then dummies) and their layers. */
  nodeCount: number;
  layer: Int32Array;
  layerCount: number;
  /** Segments u → v with layer[v] = layer[u] + 1. */
  up: Int32Array;
  down: Int32Array;
}

export interface Ordering {
  /** Nodes of each layer, left to right. */
  layers: Int32Array[];
  /** Index of each node inside its layer. */
  pos: Int32Array;
}

export function layersOf(g: ProperGraph): Int32Array[] {
  const sizes = new Int32Array(g.layerCount);
  for (let v = 0; v < g.nodeCount; v++) sizes[g.layer[v]]++;
  const layers = Array.from(sizes, (s) => new Int32Array(s));
  sizes.fill(0);
  for (let v = 0; v < g.nodeCount; v++) layers[g.layer[v]][sizes[g.layer[v]]++] = v;
  return layers;
}

/** Initial order: the order in which a depth-first search from the top layers first reaches each node. */
export function initialOrder(g: ProperGraph): Ordering {
  const out = adjacency(g.nodeCount, g.up);
  const seen = new Uint8Array(g.nodeCount);
  const sequence: number[] = [];
  const stack: number[] = [];
  const byLayer = layersOf(g);
  for (const layer of byLayer)
    for (const root of layer) {
      if (seen[root]) continue;
      stack.push(root);
      while (stack.length) {
        const v = stack.pop()!;
        if (seen[v]) continue;
        seen[v] = 1;
        sequence.push(v);
        // pushed in reverse so that the first child is visited first
        for (let i = out.start[v + 1] - 1; i >= out.start[v]; i--) {
          const w = g.down[out.ids[i]];
          if (!seen[w]) stack.push(w);
        }
      }
    }
  const fill = new Int32Array(g.layerCount);
  const pos = new Int32Array(g.nodeCount);
  for (const v of sequence) {
    const l = g.layer[v];
    pos[v] = fill[l];
    byLayer[l][fill[l]++] = v;
  }
  return { layers: byLayer, pos };
}

/** Crossings between layer l and l + 1: inversions among the segments sorted by their upper end. */
function crossingsBetween(
  g: ProperGraph,
  order: Ordering,
  segments: Int32Array,
  start: number,
  end: number,
  lowerSize: number,
  scratch: Scratch,
): number {
  // With one node on either side, or fewer than two segments, nothing can cross.
  if (end - start < 2 || lowerSize < 2) return 0;
  const keys = scratch.keys.subarray(0, end - start);
  for (let i = start; i < end; i++) {
    const s = segments[i];
    keys[i - start] = order.pos[g.up[s]] * lowerSize + order.pos[g.down[s]];
  }
  keys.sort();
  // Fenwick tree over lower positions: count earlier segments that end to the right of this one.
  const tree = scratch.tree;
  tree.fill(0, 0, lowerSize + 1);
  let crossings = 0;
  for (let k = 0; k < keys.length; k++) {
    const p = keys[k] % lowerSize;
    let atMost = 0;
    for (let i = p + 1; i > 0; i -= i & -i) atMost += tree[i];
    crossings += k - atMost;
    for (let i = p + 1; i <= lowerSize; i += i & -i) tree[i]++;
  }
  return crossings;
}

interface Scratch {
  keys: Float64Array;
  tree: Int32Array;
}

/** Segment ids grouped by the layer of their upper end. */
function segmentsByLayer(g: ProperGraph): { ids: Int32Array; start: Int32Array } {
  const upperLayer = new Int32Array(g.up.length);
  for (let s = 0; s < g.up.length; s++) upperLayer[s] = g.layer[g.up[s]];
  const a = adjacency(g.layerCount, upperLayer);
  return { ids: a.ids, start: a.start };
}

export function countCrossings(g: ProperGraph, order: Ordering): number {
  const { ids, start } = segmentsByLayer(g);
  let maxSize = 0;
  for (const l of order.layers) maxSize = Math.max(maxSize, l.length);
  const scratch = { keys: new Float64Array(g.up.length), tree: new Int32Array(maxSize + 1) };
  let total = 0;
  for (let l = 0; l + 1 < g.layerCount; l++)
    total += crossingsBetween(g, order, ids, start[l], start[l + 1], order.layers[l + 1].length, scratch);
  return total;
}

/** Reorders one layer by the mean position of each node's neighbours in the adjacent (fixed) layer. */
function sweepLayer(
  layer: Int32Array,
  pos: Int32Array,
  neighbourStart: Int32Array,
  neighbourIds: Int32Array,
  other: Int32Array,
  fixedSize: number,
  key: Float64Array,
) {
  if (layer.length < 2) return;
  const scale = fixedSize > 1 ? (fixedSize - 1) / (layer.length - 1) : 1;
  for (const v of layer) {
    const a = neighbourStart[v];
    const b = neighbourStart[v + 1];
    if (a === b) {
      key[v] = pos[v] * scale; // no neighbours there: keep its relative place
      continue;
    }
    let sum = 0;
    for (let i = a; i < b; i++) sum += pos[other[neighbourIds[i]]];
    key[v] = sum / (b - a);
  }
  // Stable sort: ties keep their current order, so repeated sweeps converge instead of oscillating.
  // Most layers are short and nearly sorted after the first sweep, where insertion sort is linear.
  if (layer.length > 64) {
    const sorted = Array.from(layer).sort((u, w) => key[u] - key[w] || pos[u] - pos[w]);
    layer.set(sorted);
  } else
    for (let i = 1; i < layer.length; i++) {
      const v = layer[i];
      let j = i - 1;
      while (j >= 0 && key[layer[j]] > key[v]) {
        layer[j + 1] = layer[j];
        j--;
      }
      layer[j + 1] = v;
    }
  for (let i = 0; i < layer.length; i++) pos[layer[i]] = i;
}

export interface OrderResult extends Ordering {
  crossingsInitial: number;
  crossings: number;
}

export function orderLayers(
  g: ProperGraph,
  iterations: number,
  progress?: (fraction: number) => void,
): OrderResult {
  const order = initialOrder(g);
  const inEdges = adjacency(g.nodeCount, g.down);
  const outEdges = adjacency(g.nodeCount, g.up);
  const key = new Float64Array(g.nodeCount);
  const crossingsInitial = countCrossings(g, order);
  let best = crossingsInitial;
  let bestPos = order.pos.slice();
  let stale = 0;
  for (let it = 0; it < iterations && best > 0 && stale < 2; it++) {
    for (let l = 1; l < g.layerCount; l++)
      sweepLayer(
        order.layers[l],
        order.pos,
        inEdges.start,
        inEdges.ids,
        g.up,
        order.layers[l - 1].length,
        key,
      );
    for (let l = g.layerCount - 2; l >= 0; l--)
      sweepLayer(
        order.layers[l],
        order.pos,
        outEdges.start,
        outEdges.ids,
        g.down,
        order.layers[l + 1].length,
        key,
      );
    const c = countCrossings(g, order);
    if (c < best) {
      best = c;
      bestPos = order.pos.slice();
      stale = 0;
    } else stale++;
    progress?.((it + 1) / iterations);
  }
  // restore the best order found
  for (const layer of order.layers) {
    layer.sort((u, w) => bestPos[u] - bestPos[w]);
    for (let i = 0; i < layer.length; i++) order.pos[layer[i]] = i;
  }
  return { ...order, crossingsInitial, crossings: best };
}
