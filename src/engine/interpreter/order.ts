// Execution order for the interpreter: Kahn's topological sort, keeping file order among ready nodes.
// Minimal and private on purpose: the IR's own topo/validate helpers (ir/) replace it once they exist.
import { ModelError } from '../errors';
import type { Graph, Node } from '../ir/graph';

const label = (node: Node, i: number) => node.name || `#${i} ${node.opType}`;

/** Node indices in an order where every value is produced before it is read. */
export function executionOrder(graph: Graph, available: ReadonlySet<string>): number[] {
  const producer = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    for (const out of node.outputs) {
      if (!out) continue;
      if (producer.has(out) || available.has(out))
        throw new ModelError('invalid', `value "${out}" is produced more than once`, {
          node: label(node, i),
        });
      producer.set(out, i);
    }
  });
  const waiting = graph.nodes.map(() => 0);
  const consumers = graph.nodes.map((): number[] => []);
  graph.nodes.forEach((node, i) => {
    for (const input of new Set(node.inputs)) {
      if (!input || available.has(input)) continue;
      const p = producer.get(input);
      if (p === undefined)
        throw new ModelError(
          'invalid',
          `reads "${input}", which is neither a graph input, an initializer nor a node output`,
          {
            node: label(node, i),
          },
        );
      waiting[i]++;
      consumers[p].push(i);
    }
  });
  // a min-heap would keep strict file order; a sorted ready list is simpler and graphs are small enough
  const ready = waiting.flatMap((w, i) => (w === 0 ? [i] : []));
  const order: number[] = [];
  while (ready.length > 0) {
    const i = ready.shift()!;
    order.push(i);
    for (const c of consumers[i])
      if (--waiting[c] === 0) {
        let at = ready.length;
        while (at > 0 && ready[at - 1] > c) at--;
        ready.splice(at, 0, c);
      }
  }
  if (order.length < graph.nodes.length) {
    const stuck = graph.nodes.flatMap((n, i) => (waiting[i] > 0 ? [label(n, i)] : []));
    throw new ModelError(
      'invalid',
      `the graph has a cycle through ${stuck.slice(0, 5).join(', ')}${stuck.length > 5 ? ', …' : ''}`,
      {
        node: stuck[0],
      },
    );
  }
  return order;
}
