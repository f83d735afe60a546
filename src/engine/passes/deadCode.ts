// dead-code: the nodes no graph output depends on, and the initializers nothing reads, removed (ir/edit's
// eliminateDeadCode). Exact: what no output depends on cannot change an output. Graph inputs stay, even
// unused: they are the model's interface.
import { eliminateDeadCode } from '../ir/edit';
import type { Graph } from '../ir/graph';
import { rewrite } from './context';
import type { Pass } from './types';

interface Match {
  nodes: string[];
  initializers: string[];
}

/** A copy that eliminateDeadCode may prune without touching the graph (nodes and tensors are shared, not changed). */
const prunable = (graph: Graph): Graph => ({
  ...graph,
  nodes: [...graph.nodes],
  inputs: [...graph.inputs],
  initializers: new Map(graph.initializers),
  valueInfo: new Map(graph.valueInfo),
});

export const deadCode: Pass<Match> = {
  name: 'dead-code',
  level: 'basic',
  match(graph) {
    const { nodes, initializers } = eliminateDeadCode(prunable(graph));
    if (nodes.length === 0 && initializers.length === 0) return null;
    return { nodes: nodes.map((n) => n.name), initializers };
  },
  apply(graph) {
    const { nodes, initializers } = eliminateDeadCode(graph);
    const removed = nodes.map((n) => n.name);
    return rewrite(
      'dead-code',
      { code: 'removed-dead', nodes: removed, initializers: initializers.length },
      { removed },
    );
  },
};
