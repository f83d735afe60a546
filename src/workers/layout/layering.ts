// Phase 1 of the layered (Sugiyama) layout: make the graph acyclic and give every node a layer such that
// each edge points to a lower layer. Longest-path layering from the sources (Eades & Sugiyama), then nodes
// that only feed something far below (graph inputs, Constant nodes and chains of them) are moved down to
// just above their first consumer, so a constant feeding a late Reshape does not drag a long edge down the
// whole drawing.
import { adjacency } from './csr';

export interface Layering {
  layer: Int32Array;
  layerCount: number;
  /** Per edge: 1 if it was reversed to break a cycle. */
  reversed: Uint8Array;
}

/**
 * Marks a set of back edges whose reversal makes the graph acyclic (iterative depth-first search,
 * so a 5,000-node chain does not overflow the call stack).
 */
export function findBackEdges(n: number, from: Int32Array, to: Int32Array): Uint8Array {
  const out = adjacency(n, from);
  const reversed = new Uint8Array(from.length);
  const state = new Uint8Array(n); // 0 unvisited, 1 on the stack, 2 done
  const stackNode = new Int32Array(n);
  const stackNext = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (state[root]) continue;
    let top = 0;
    stackNode[0] = root;
    stackNext[0] = out.start[root];
    state[root] = 1;
    while (top >= 0) {
      const v = stackNode[top];
      if (stackNext[top] < out.start[v + 1]) {
        const e = out.ids[stackNext[top]++];
        const w = to[e];
        if (state[w] === 1) reversed[e] = 1;
        else if (state[w] === 0) {
          state[w] = 1;
          top++;
          stackNode[top] = w;
          stackNext[top] = out.start[w];
        }
      } else {
        state[v] = 2;
        top--;
      }
    }
  }
  return reversed;
}

export function assignLayers(n: number, from: Int32Array, to: Int32Array): Layering {
  const reversed = findBackEdges(n, from, to);
  const src = new Int32Array(from.length);
  const dst = new Int32Array(from.length);
  for (let e = 0; e < from.length; e++) {
    src[e] = reversed[e] ? to[e] : from[e];
    dst[e] = reversed[e] ? from[e] : to[e];
  }
  const out = adjacency(n, src);
  const indegree = new Int32Array(n);
  for (let e = 0; e < dst.length; e++) indegree[dst[e]]++;

  // Kahn's algorithm in index order: layer(v) = 1 + max layer of its predecessors.
  const layer = new Int32Array(n);
  const order = new Int32Array(n);
  const remaining = indegree.slice();
  let head = 0;
  let tail = 0;
  for (let v = 0; v < n; v++) if (remaining[v] === 0) order[tail++] = v;
  while (head < tail) {
    const v = order[head++];
    for (let i = out.start[v]; i < out.start[v + 1]; i++) {
      const w = dst[out.ids[i]];
      if (layer[v] + 1 > layer[w]) layer[w] = layer[v] + 1;
      if (--remaining[w] === 0) order[tail++] = w;
    }
  }

  // Pull nodes down to just above their highest consumer when nothing else holds them up: sources (graph
  // inputs, Constant nodes) and nodes whose every input comes from a node feeding only them (a Constant →
  // Unsqueeze → … chain computing a Reshape target). In reverse topological order, so consumers are final
  // and a chain follows its end down.
  const inEdges = adjacency(n, dst);
  const outdegree = new Int32Array(n);
  for (let e = 0; e < src.length; e++) outdegree[src[e]]++;
  for (let k = tail - 1; k >= 0; k--) {
    const v = order[k];
    if (out.start[v] === out.start[v + 1]) continue;
    let target = Infinity;
    for (let i = out.start[v]; i < out.start[v + 1]; i++)
      target = Math.min(target, layer[dst[out.ids[i]]] - 1);
    if (target <= layer[v]) continue;
    let free = true;
    for (let i = inEdges.start[v]; i < inEdges.start[v + 1] && free; i++)
      free = outdegree[src[inEdges.ids[i]]] === 1;
    if (free) layer[v] = target;
  }

  let layerCount = 0;
  for (let v = 0; v < n; v++) layerCount = Math.max(layerCount, layer[v] + 1);
  return { layer, layerCount, reversed };
}
