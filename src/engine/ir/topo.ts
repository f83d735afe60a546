// Topological order of a graph's nodes, and the cycles that prevent one.
import { ModelError } from '../errors';
import type { Graph, Node } from './graph';
import { nodeDependencies, nodeLabel } from './scope';

/** Edges between node indices: producer → consumer (one per value read, so a pair may repeat). */
function dependencyEdges(graph: Graph): number[][] {
  const producer = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    for (const out of node.outputs) if (out && !producer.has(out)) producer.set(out, i);
  });
  const successors = graph.nodes.map((): number[] => []);
  graph.nodes.forEach((node, i) => {
    for (const name of nodeDependencies(node)) {
      const p = producer.get(name);
      if (p !== undefined) successors[p].push(i);
    }
  });
  return successors;
}

/** A binary min-heap of node indices: Kahn's algorithm then always takes the earliest ready node. */
class MinHeap {
  private items: number[] = [];
  get size() {
    return this.items.length;
  }
  push(x: number) {
    const a = this.items;
    a.push(x);
    for (let i = a.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (a[parent] <= a[i]) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Kahn's algorithm, taking the ready node that comes first in the file each time: a graph already in order
 * keeps its order exactly, and any other graph moves as few nodes as the dependencies force.
 * Returns the sorted indices, and the indices left over (those on or behind a cycle).
 */
function kahn(graph: Graph, successors: number[][]): { order: number[]; blocked: number[] } {
  const indegree = new Array<number>(graph.nodes.length).fill(0);
  for (const next of successors) for (const j of next) indegree[j]++;
  const ready = new MinHeap();
  indegree.forEach((d, i) => d === 0 && ready.push(i));
  const order: number[] = [];
  while (ready.size > 0) {
    const i = ready.pop();
    order.push(i);
    for (const j of successors[i]) if (--indegree[j] === 0) ready.push(j);
  }
  const blocked = indegree.flatMap((d, i) => (d > 0 ? [i] : []));
  return { order, blocked };
}

/**
 * The cycles of a graph, one per knot of mutually dependent nodes, each as the node indices along it in
 * data-flow order (each node reads a value of the one before it, the first reads from the last), starting
 * at the node that comes first in the file.
 */
export function findCycles(graph: Graph): number[][] {
  const successors = dependencyEdges(graph);
  const { blocked } = kahn(graph, successors);
  // Nodes left by Kahn are on a cycle or downstream of one. Walking backwards (to producers) from any of
  // them must end in a loop; those loops are the cycles. Each node is visited once overall.
  const predecessors = graph.nodes.map((): number[] => []);
  successors.forEach((next, i) => next.forEach((j) => predecessors[j].push(i)));
  const isBlocked = new Set(blocked);
  const visited = new Set<number>();
  const cycles: number[][] = [];
  for (const start of blocked) {
    if (visited.has(start)) continue;
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let at = start;
    while (!visited.has(at)) {
      visited.add(at);
      onPath.set(at, path.length);
      path.push(at);
      // a blocked node always has a blocked predecessor (otherwise its indegree would have reached 0)
      at = predecessors[at].find((p) => isBlocked.has(p))!;
    }
    const from = onPath.get(at);
    if (from === undefined) continue;
    const cycle = path.slice(from).reverse();
    const first = cycle.indexOf(Math.min(...cycle));
    cycles.push([...cycle.slice(first), ...cycle.slice(0, first)]);
  }
  return cycles;
}

/** The nodes in topological order, stable (file order where the dependencies allow). Throws on a cycle. */
export function topologicalOrder(graph: Graph): Node[] {
  const successors = dependencyEdges(graph);
  const { order, blocked } = kahn(graph, successors);
  if (blocked.length > 0) {
    const [cycle] = findCycles(graph);
    const names = cycle.map((i) => nodeLabel(graph.nodes[i], i));
    throw new ModelError('invalid', `the graph has a cycle: ${[...names, names[0]].join(' → ')}`, {
      node: names[0],
    });
  }
  return order.map((i) => graph.nodes[i]);
}
