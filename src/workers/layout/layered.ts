// Layered ("Sugiyama") layout of a directed graph, top to bottom: layering → dummy nodes for long edges →
// crossing reduction → coordinates → edge routes. Written for computation graphs of up to ~10⁴ nodes: every
// phase is (near) linear per sweep, on typed arrays. dagre does the same phases with network-simplex
// layering and Brandes–Köpf positioning, which take seconds to minutes at a few thousand nodes; the simpler
// choices here (longest path, barycenter, isotonic regression) keep 5,000 nodes well under a second.
import { assignLayers } from './layering';
import { orderLayers, type ProperGraph } from './ordering';
import { assignX } from './positioning';
import {
  DEFAULT_LAYOUT_OPTIONS,
  type LayoutInput,
  type LayoutOptions,
  type LayoutProgress,
  type LayoutResult,
} from './types';

/** Long edges beyond this many dummy nodes in total are drawn straight (keeps memory bounded). */
export const dummyBudget = (nodes: number) => 20 * nodes + 100_000;

export function checkInput(input: LayoutInput): void {
  const n = input.widths.length;
  if (input.heights.length !== n)
    throw new RangeError(`layout: ${n} widths but ${input.heights.length} heights`);
  if (input.edges.length % 2) throw new RangeError('layout: the edge list has an odd length');
  for (let i = 0; i < n; i++)
    if (!(
      input.widths[i] >= 0 &&
      input.heights[i] >= 0 &&
      Number.isFinite(input.widths[i] + input.heights[i])
    ))
      throw new RangeError(`layout: node ${i} has an invalid size ${input.widths[i]}×${input.heights[i]}`);
  for (let k = 0; k < input.edges.length; k++)
    if (!(input.edges[k] >= 0 && input.edges[k] < n))
      throw new RangeError(
        `layout: edge ${k >> 1} refers to node ${input.edges[k]}, but there are ${n} nodes`,
      );
}

/** Reverses the order of the (x, y) points stored in route[from, to). */
function reversePoints(route: Float64Array, from: number, to: number) {
  for (let i = from, j = to - 2; i < j; i += 2, j -= 2) {
    [route[i], route[j]] = [route[j], route[i]];
    [route[i + 1], route[j + 1]] = [route[j + 1], route[i + 1]];
  }
}

const now = () => globalThis.performance.now();

export function layeredLayout(
  input: LayoutInput,
  options: Partial<LayoutOptions> = {},
  progress?: LayoutProgress,
): LayoutResult {
  checkInput(input);
  const opt = { ...DEFAULT_LAYOUT_OPTIONS, ...options };
  const t0 = now();
  const n = input.widths.length;
  const edgeCount = input.edges.length / 2;

  // Layering, on the edges that are not self-loops.
  const kept: number[] = [];
  for (let e = 0; e < edgeCount; e++) if (input.edges[2 * e] !== input.edges[2 * e + 1]) kept.push(e);
  const from = Int32Array.from(kept, (e) => input.edges[2 * e]);
  const to = Int32Array.from(kept, (e) => input.edges[2 * e + 1]);
  const { layer: realLayer, layerCount, reversed } = assignLayers(n, from, to);
  progress?.('layering', 0.1);
  const t1 = now();

  // Proper graph: split each edge spanning k > 1 layers into k segments through k − 1 dummy nodes.
  // Over the dummy budget, the longest edges are the ones left without dummies (drawn straight).
  const span = (i: number) => Math.abs(realLayer[to[i]] - realLayer[from[i]]);
  const byLength = kept.map((_, i) => i).sort((a, b) => span(a) - span(b));
  let dummies = 0;
  const straight = new Uint8Array(kept.length);
  for (const i of byLength) {
    const extra = span(i) - 1;
    if (dummies + extra > dummyBudget(n)) straight[i] = 1;
    else dummies += extra;
  }
  const nodeCount = n + dummies;
  const layer = new Int32Array(nodeCount);
  layer.set(realLayer);
  const width = new Float64Array(nodeCount).fill(opt.dummyWidth);
  width.set(input.widths);
  const up: number[] = [];
  const down: number[] = [];
  /** Per kept edge: its chain of nodes from the upper end to the lower end (dummies in between). */
  const chains: Int32Array[] = [];
  let next = n;
  for (let i = 0; i < kept.length; i++) {
    const a = reversed[i] ? to[i] : from[i];
    const b = reversed[i] ? from[i] : to[i];
    if (straight[i]) {
      chains.push(Int32Array.of(a, b));
      continue;
    }
    const chain = new Int32Array(span(i) + 1);
    chain[0] = a;
    for (let k = 1; k < chain.length - 1; k++) {
      chain[k] = next;
      layer[next++] = realLayer[a] + k;
    }
    chain[chain.length - 1] = b;
    for (let k = 0; k + 1 < chain.length; k++) {
      up.push(chain[k]);
      down.push(chain[k + 1]);
    }
    chains.push(chain);
  }
  const proper: ProperGraph = {
    nodeCount,
    layer,
    layerCount,
    up: Int32Array.from(up),
    down: Int32Array.from(down),
  };

  const order = orderLayers(proper, opt.orderIterations, (f) => progress?.('ordering', 0.1 + 0.5 * f));
  const t2 = now();
  const xs = assignX(proper, order.layers, { width, gap: opt.nodeGap }, n, opt.positionIterations, (f) =>
    progress?.('positioning', 0.6 + 0.35 * f),
  );
  const t3 = now();

  // Vertical: each layer is as tall as its tallest box; boxes are centred in their layer.
  const layerHeight = new Float64Array(layerCount);
  for (let v = 0; v < n; v++)
    layerHeight[realLayer[v]] = Math.max(layerHeight[realLayer[v]], input.heights[v]);
  const layerTop = new Float64Array(layerCount + 1);
  for (let l = 0; l < layerCount; l++) layerTop[l + 1] = layerTop[l] + layerHeight[l] + opt.layerGap;

  let left = Infinity;
  let right = -Infinity;
  for (let v = 0; v < nodeCount; v++) {
    left = Math.min(left, xs[v] - width[v] / 2);
    right = Math.max(right, xs[v] + width[v] / 2);
  }
  if (nodeCount === 0) left = right = 0;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    x[v] = xs[v] - left;
    y[v] = layerTop[realLayer[v]] + layerHeight[realLayer[v]] / 2;
  }

  // Routes: out of the bottom of the upper box, vertically through each layer a dummy crosses,
  // into the top of the lower box; reversed edges are given back in their original direction.
  let pointCount = 0;
  for (const chain of chains) pointCount += 2 * chain.length - 2;
  const route = new Float64Array(2 * pointCount);
  const edgeStart = new Int32Array(edgeCount + 1);
  let p = 0;
  const put = (px: number, py: number) => {
    route[p++] = px;
    route[p++] = py;
  };
  let k = 0;
  for (let e = 0; e < edgeCount; e++) {
    edgeStart[e] = p / 2;
    if (k < kept.length && kept[k] === e) {
      const chain = chains[k];
      const a = chain[0];
      const b = chain[chain.length - 1];
      const first = p;
      put(x[a], y[a] + input.heights[a] / 2);
      for (let c = 1; c < chain.length - 1; c++) {
        const l = layer[chain[c]];
        const cx = xs[chain[c]] - left;
        put(cx, layerTop[l]);
        put(cx, layerTop[l] + layerHeight[l]);
      }
      put(x[b], y[b] - input.heights[b] / 2);
      if (reversed[k]) reversePoints(route, first, p);
      k++;
    }
  }
  edgeStart[edgeCount] = p / 2;
  progress?.('routing', 1);
  const t4 = now();

  let reversedCount = 0;
  for (const r of reversed) reversedCount += r;
  return {
    x,
    y,
    layer: realLayer,
    edgePoints: route,
    edgeStart,
    width: right - left,
    height: layerCount ? layerTop[layerCount] - opt.layerGap : 0,
    stats: {
      nodes: n,
      edges: edgeCount,
      layers: layerCount,
      dummies,
      reversed: reversedCount,
      crossingsInitial: order.crossingsInitial,
      crossings: order.crossings,
      ms: { layering: t1 - t0, ordering: t2 - t1, positioning: t3 - t2, routing: t4 - t3, total: t4 - t0 },
    },
  };
}
