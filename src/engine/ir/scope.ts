// Names and scopes of a graph: what a graph defines, what its subgraphs (If/Loop/Scan bodies) capture
// from the outer scope, and how a node is named in messages.
import type { Graph, Node } from './graph';

/** How a node is named in messages: its name, or "#index opType" when unnamed (as the ONNX reader does). */
export const nodeLabel = (node: Node, index: number): string => node.name || `#${index} ${node.opType}`;

/** The subgraphs held in a node's attributes (If branches, Loop and Scan bodies), with the attribute name. */
export function subgraphsOf(node: Node): { attribute: string; graph: Graph }[] {
  const found: { attribute: string; graph: Graph }[] = [];
  for (const [attribute, a] of Object.entries(node.attributes)) {
    if (a.type === 'graph') found.push({ attribute, graph: a.value });
    else if (a.type === 'graphs') for (const graph of a.value) found.push({ attribute, graph });
  }
  return found;
}

/** Names a graph makes available to its nodes without computing them: its inputs and initializers. */
export function sourceValues(graph: Graph): Set<string> {
  const names = new Set<string>(graph.initializers.keys());
  for (const v of graph.inputs) names.add(v.name);
  return names;
}

/**
 * Values a subgraph reads from the scopes around it (ONNX IR spec, "Names Within a Graph": a subgraph may
 * refer to any value of an enclosing graph). These are the node's implicit inputs: the node must run after
 * their producers, and they stay alive as long as the node does.
 */
export function capturedValues(node: Node): Set<string> {
  const captured = new Set<string>();
  for (const { graph } of subgraphsOf(node)) collectCaptured(graph, new Set(), captured);
  return captured;
}

function collectCaptured(graph: Graph, enclosingLocals: Set<string>, captured: Set<string>) {
  const locals = new Set([...enclosingLocals, ...sourceValues(graph)]);
  for (const node of graph.nodes) for (const out of node.outputs) if (out) locals.add(out);
  const read = (name: string) => {
    if (name && !locals.has(name)) captured.add(name);
  };
  for (const node of graph.nodes) {
    node.inputs.forEach(read);
    for (const { graph: inner } of subgraphsOf(node)) collectCaptured(inner, locals, captured);
  }
  for (const v of graph.outputs) read(v.name);
}

/** Every value a node depends on: its explicit inputs (without omitted optional ones) and captured values. */
export function nodeDependencies(node: Node): string[] {
  const deps = node.inputs.filter((name) => name !== '');
  if (Object.values(node.attributes).some((a) => a.type === 'graph' || a.type === 'graphs'))
    deps.push(...capturedValues(node));
  return deps;
}
