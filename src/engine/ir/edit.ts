// Small edits for graph passes. They change the graph in place (clone first with cloneModel to keep a
// snapshot) and keep it consistent: every read of a renamed or removed value follows, into subgraphs too.
import type { Graph, Model, Node } from './graph';
import type { Tensor } from './tensor';
import { capturedValues, sourceValues, subgraphsOf } from './scope';

/** A deep copy (typed arrays included) that shares nothing with the original. */
export const cloneModel = (model: Model): Model => structuredClone(model);
export const cloneGraph = (graph: Graph): Graph => structuredClone(graph);

/** Names a graph defines locally: inputs, initializers and node outputs. */
function localNames(graph: Graph): Set<string> {
  const names = sourceValues(graph);
  for (const node of graph.nodes) for (const out of node.outputs) if (out) names.add(out);
  return names;
}

/** Renames the reads of `from` inside a subgraph, unless the subgraph defines a value of that name itself. */
function renameCaptured(graph: Graph, from: string, to: string) {
  if (localNames(graph).has(from)) return;
  for (const node of graph.nodes) {
    node.inputs = node.inputs.map((n) => (n === from ? to : n));
    for (const { graph: inner } of subgraphsOf(node)) renameCaptured(inner, from, to);
  }
  for (const v of graph.outputs) if (v.name === from) v.name = to;
}

/** Makes every node (and subgraph) that reads `from` read `to` instead. Definitions and outputs stay. */
export function redirectReads(graph: Graph, from: string, to: string): void {
  for (const node of graph.nodes) {
    node.inputs = node.inputs.map((n) => (n === from ? to : n));
    for (const { graph: sub } of subgraphsOf(node)) renameCaptured(sub, from, to);
  }
}

/** Renames a value everywhere in the graph: its definition, every read, graph inputs/outputs, value info. */
export function renameValue(graph: Graph, from: string, to: string): void {
  if (from === to) return;
  redirectReads(graph, from, to);
  for (const node of graph.nodes) node.outputs = node.outputs.map((n) => (n === from ? to : n));
  for (const v of [...graph.inputs, ...graph.outputs]) if (v.name === from) v.name = to;
  if (graph.initializers.has(from)) {
    // rebuild to keep the initializer at its place in file order
    const entries = [...graph.initializers].map(([k, t]): [string, Tensor] => [k === from ? to : k, t]);
    graph.initializers = new Map(entries);
  }
  const info = graph.valueInfo.get(from);
  if (info) {
    graph.valueInfo.delete(from);
    graph.valueInfo.set(to, { ...info, name: to });
  }
}

/** True when a node or subgraph reads the value, or it is a graph output. */
function isUsed(graph: Graph, name: string): boolean {
  if (graph.outputs.some((v) => v.name === name)) return true;
  return graph.nodes.some(
    (node) => node.inputs.includes(name) || (subgraphsOf(node).length > 0 && capturedValues(node).has(name)),
  );
}

/**
 * Removes a node. With `replacement`, the readers of the node's one output read `replacement` instead
 * (e.g. removing an Identity or a no-op Dropout: replacement = its input). When that output is a graph output,
 * the graph keeps its output name: the producer of `replacement` is renamed to write it — possible only when
 * `replacement` is a node output that is not itself a graph output. Without `replacement`, the node's outputs
 * must be unused. Returns false, changing nothing, when the node cannot be removed that way (passes then bail out).
 */
export function removeNode(graph: Graph, node: Node, replacement?: string): boolean {
  const index = graph.nodes.indexOf(node);
  if (index < 0) return false;
  const outputs = node.outputs.filter(Boolean);
  if (replacement === undefined) {
    if (outputs.some((out) => isUsed(graph, out))) return false;
  } else {
    if (outputs.length !== 1) return false;
    const [out] = outputs;
    if (graph.outputs.some((v) => v.name === out)) {
      const producedByNode = graph.nodes.some((n) => n !== node && n.outputs.includes(replacement));
      if (!producedByNode || graph.outputs.some((v) => v.name === replacement)) return false;
      graph.nodes.splice(index, 1);
      graph.valueInfo.delete(out);
      renameValue(graph, replacement, out);
      return true;
    }
    redirectReads(graph, out, replacement);
  }
  graph.nodes.splice(graph.nodes.indexOf(node), 1);
  for (const out of outputs) graph.valueInfo.delete(out);
  return true;
}

/** Puts `replacements` where `node` was (the same place in file order). They should write the values it wrote. */
export function replaceNode(graph: Graph, node: Node, replacements: Node[]): void {
  const index = graph.nodes.indexOf(node);
  if (index < 0) throw new Error(`replaceNode: node "${node.name}" is not in graph "${graph.name}"`);
  graph.nodes.splice(index, 1, ...replacements);
}

/** Adds a constant. The name must be new (see nameGenerator). */
export function addInitializer(graph: Graph, name: string, value: Tensor): void {
  if (localNames(graph).has(name))
    throw new Error(`addInitializer: "${name}" is already defined in graph "${graph.name}"`);
  graph.initializers.set(name, value);
}

/** Removes a constant, and its graph-input entry when the file also lists it as an input (IR < 4 files do). */
export function removeInitializer(graph: Graph, name: string): void {
  graph.initializers.delete(name);
  graph.inputs = graph.inputs.filter((v) => v.name !== name);
  graph.valueInfo.delete(name);
}

/**
 * Dead-code elimination: removes the nodes whose outputs nothing needs (walking back from the graph outputs)
 * and the initializers no remaining node reads. Graph inputs stay (they are the model's interface), except
 * entries that merely list a removed initializer.
 */
export function eliminateDeadCode(graph: Graph): { nodes: Node[]; initializers: string[] } {
  const needed = new Set(graph.outputs.map((v) => v.name));
  const live = new Set<Node>();
  // Walking the nodes backwards reaches a fixed point in one sweep for a graph in topological order;
  // repeat until nothing changes so that any order works.
  for (let changed = true; changed;) {
    changed = false;
    for (let i = graph.nodes.length - 1; i >= 0; i--) {
      const node = graph.nodes[i];
      if (live.has(node) || !node.outputs.some((out) => out && needed.has(out))) continue;
      live.add(node);
      changed = true;
      for (const name of node.inputs) if (name) needed.add(name);
      if (subgraphsOf(node).length > 0) for (const name of capturedValues(node)) needed.add(name);
    }
  }
  const removedNodes = graph.nodes.filter((node) => !live.has(node));
  graph.nodes = graph.nodes.filter((node) => live.has(node));
  for (const node of removedNodes) for (const out of node.outputs) graph.valueInfo.delete(out);
  const removedInitializers = [...graph.initializers.keys()].filter((name) => !needed.has(name));
  for (const name of removedInitializers) removeInitializer(graph, name);
  return { nodes: removedNodes, initializers: removedInitializers };
}

/** Every name used in a graph and its subgraphs: values and node names. */
function allNames(graph: Graph, into = new Set<string>()): Set<string> {
  for (const name of localNames(graph)) into.add(name);
  for (const v of graph.outputs) into.add(v.name);
  for (const node of graph.nodes) {
    if (node.name) into.add(node.name);
    for (const name of node.inputs) if (name) into.add(name);
    for (const { graph: sub } of subgraphsOf(node)) allNames(sub, into);
  }
  return into;
}

/**
 * Returns a function that makes names not yet used in the graph (for values or nodes), from a readable base:
 * fresh("conv1_fused") → "conv1_fused", then "conv1_fused_1", …. It remembers the names it has handed out.
 */
export function nameGenerator(graph: Graph): (base: string) => string {
  const taken = allNames(graph);
  return (base) => {
    let name = base;
    for (let k = 1; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    return name;
  };
}
