// Producer and consumer lookups for a graph, built once in one pass over the nodes. The index is a snapshot:
// after an edit (ir/edit.ts) build a new one.
import type { Graph, Node } from './graph';
import { capturedValues, subgraphsOf } from './scope';

export interface Use {
  node: Node;
  /** Position in node.inputs, or -1 when a subgraph of the node reads the value (a captured value). */
  input: number;
}

export interface GraphIndex {
  /** The node that writes the value (the first, if a broken graph has several), or undefined. */
  producer(name: string): Node | undefined;
  /** Every read of the value by a node of this graph, in node order. */
  consumers(name: string): readonly Use[];
  isGraphInput(name: string): boolean;
  isGraphOutput(name: string): boolean;
  isInitializer(name: string): boolean;
}

const NO_USES: readonly Use[] = [];

export function indexGraph(graph: Graph): GraphIndex {
  const producers = new Map<string, Node>();
  const uses = new Map<string, Use[]>();
  const addUse = (name: string, use: Use) => {
    const list = uses.get(name);
    if (list) list.push(use);
    else uses.set(name, [use]);
  };
  for (const node of graph.nodes) {
    for (const out of node.outputs) if (out && !producers.has(out)) producers.set(out, node);
    node.inputs.forEach((name, input) => name && addUse(name, { node, input }));
    if (subgraphsOf(node).length > 0)
      for (const name of capturedValues(node)) addUse(name, { node, input: -1 });
  }
  const inputs = new Set(graph.inputs.map((v) => v.name));
  const outputs = new Set(graph.outputs.map((v) => v.name));
  return {
    producer: (name) => producers.get(name),
    consumers: (name) => uses.get(name) ?? NO_USES,
    isGraphInput: (name) => inputs.has(name),
    isGraphOutput: (name) => outputs.has(name),
    isInitializer: (name) => graph.initializers.has(name),
  };
}
