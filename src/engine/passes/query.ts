// Read-only questions the passes ask of a graph: which values are constants, who reads a value, what an
// attribute says. Nothing here throws on a malformed node: an answer of undefined makes a pass bail out.
import type { Graph, Model, Node } from '../ir/graph';
import type { GraphIndex } from '../ir/graphIndex';
import { isFloat, type Tensor } from '../ir/tensor';

/**
 * The value of a constant: an initializer that is not also a graph input. (An initializer listed as an input
 * is only that input's default: a caller may feed another value, so no pass may bake it in.)
 */
export function constantOf(graph: Graph, name: string): Tensor | undefined {
  if (!name) return undefined;
  const t = graph.initializers.get(name);
  return t && !graph.inputs.some((v) => v.name === name) ? t : undefined;
}

/** A constant of a floating-point type (weights, biases, BatchNormalization statistics). */
export function floatConstant(graph: Graph, name: string): Tensor | undefined {
  const t = constantOf(graph, name);
  return t && isFloat(t.dtype) ? t : undefined;
}

/** The integers of an int32/int64 tensor (shapes, axes, indices), or undefined for another type. */
export function intsOf(t: Tensor | undefined): number[] | undefined {
  if (!t || (t.dtype !== 'int64' && t.dtype !== 'int32')) return undefined;
  return Array.from(t.data as ArrayLike<number>);
}

/** The one number of a one-element float tensor (a Clip bound), or undefined. */
export function scalarOf(t: Tensor | undefined): number | undefined {
  if (!t || !isFloat(t.dtype) || t.data.length !== 1) return undefined;
  return (t.data as Float32Array)[0];
}

export function attrInt(node: Node, name: string, fallback: number): number | undefined {
  const a = node.attributes[name];
  return a === undefined ? fallback : a.type === 'int' ? a.value : undefined;
}

export function attrFloat(node: Node, name: string, fallback: number): number | undefined {
  const a = node.attributes[name];
  return a === undefined ? fallback : a.type === 'float' ? a.value : undefined;
}

export function attrString(node: Node, name: string, fallback: string): string | undefined {
  const a = node.attributes[name];
  return a === undefined ? fallback : a.type === 'string' ? a.value : undefined;
}

/** An ints attribute; null when absent, undefined when of another kind. */
export function attrInts(node: Node, name: string): number[] | null | undefined {
  const a = node.attributes[name];
  return a === undefined ? null : a.type === 'ints' ? a.value : undefined;
}

/** The opset the model imports for the node's domain. */
export const opsetOf = (model: Model, node: Node): number => model.opsets[node.domain] ?? 0;

/** A node of the standard domain ('' = ai.onnx). */
type StandardNode = Node & { domain: '' };

/** An op of the standard domain with one of the given types (a node that is not one stays a Node). */
export const isOp = (node: Node | undefined, ...opTypes: string[]): node is StandardNode =>
  node !== undefined && node.domain === '' && opTypes.includes(node.opType);

/**
 * An integer list that moved from an attribute to an input at some opset (Squeeze/Unsqueeze axes, Pad's
 * pads, Clip's bounds): null when the node leaves it out, undefined when it is an input that is no constant.
 */
export function listArgument(
  graph: Graph,
  model: Model,
  node: Node,
  attribute: string,
  sinceOpset: number,
  input: number,
): number[] | null | undefined {
  if (opsetOf(model, node) < sinceOpset) return attrInts(node, attribute);
  const name = node.inputs[input];
  if (!name) return null;
  return intsOf(constantOf(graph, name));
}

/** The node that reads `value`, when exactly one node input reads it and it is not a graph output. */
export function soleReader(index: GraphIndex, value: string): Node | undefined {
  if (index.isGraphOutput(value)) return undefined;
  const uses = index.consumers(value);
  return uses.length === 1 && uses[0].input >= 0 ? uses[0].node : undefined;
}

/** True when nothing but node inputs read the value (no subgraph captures it), so reads can be redirected. */
export const onlyNodeInputsRead = (index: GraphIndex, value: string) =>
  index.consumers(value).every((use) => use.input >= 0);

/**
 * Whether the node can be bypassed, its first output's readers reading `replacement` instead (removeNode with
 * a replacement, once its other outputs are dropped): those other outputs must be unused, and when the first
 * is a graph output, `replacement` must be another node's output and not a graph output itself (the producer
 * of `replacement` is then renamed to write the graph output).
 */
export function canBypass(index: GraphIndex, node: Node, replacement: string): boolean {
  const [output, ...others] = node.outputs;
  if (!output || !replacement) return false;
  if (others.some((o) => o && (index.consumers(o).length > 0 || index.isGraphOutput(o)))) return false;
  if (!index.isGraphOutput(output)) return true;
  const producer = index.producer(replacement);
  return producer !== undefined && producer !== node && !index.isGraphOutput(replacement);
}

/** Whether a node holds subgraphs (If/Loop/Scan): passes leave such nodes alone. */
export const hasSubgraphs = (node: Node) =>
  Object.values(node.attributes).some((a) => a.type === 'graph' || a.type === 'graphs');
