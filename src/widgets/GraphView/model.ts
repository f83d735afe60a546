// The view model: what the graph view draws, derived from the IR. Operator nodes, graph inputs and outputs
// become boxes; initializers are folded into their consumer (its weights line), not drawn; collapsed blocks
// become one box each. Kept apart from the IR so the IR stays plain data (Model Explorer's split of
// graph model and view model).
import type { Graph, Node, Tensor, TypeInfo } from '../../engine';
import { blockChains, detectBlocks, type Block } from './blocks';
import { opFamily, type OpFamily } from './families';
import { constantsOf, formatType, keyAttributes, weightsSummary, type Constants } from './labels';

export type ViewNodeKind = 'op' | 'input' | 'output' | 'block';

export interface ViewNode {
  /** Stable key: the graph node's key (see nodeKeys), "input:<name>", "output:<name>" or "block:<id>". */
  key: string;
  kind: ViewNodeKind;
  title: string;
  /** Key attributes, or the type of an input/output, or a block's size. */
  detail: string;
  /** Initializers folded into the node, or a block's operator mix. */
  weights: string;
  family: OpFamily;
  /** Index in graph.nodes (op), in blocks (block), in graph.inputs / outputs (input/output). */
  ref: number;
}

export interface ViewEdge {
  from: number;
  to: number;
  /** The value carried. */
  value: string;
  /** Its type, as drawn on the edge. */
  label: string;
}

export interface ViewGraph {
  /** The model this view was built from (node and block refs index into it). */
  model: GraphModel;
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** View node index by key; keys of graph nodes inside a collapsed block map to the block's box. */
  indexOf: Map<string, number>;
}

/** Everything derived once per graph (collapsing blocks only rebuilds the ViewGraph). */
export interface GraphModel {
  graph: Graph;
  /** Per graph node: its key. */
  keys: string[];
  keyIndex: Map<string, number>;
  constants: Constants;
  blocks: Block[];
  /** Per graph node: enclosing blocks, outermost first. */
  chains: number[][];
  /** Producer node index per value name. */
  producer: Map<string, number>;
  typeOf(value: string): TypeInfo | null;
}

export const BLOCK_PREFIX = 'block:';
export const INPUT_PREFIX = 'input:';
export const OUTPUT_PREFIX = 'output:';

/**
 * A key per graph node: its name when that is present and unique, else "<name or opType>#<index>".
 * Highlights, overlays and selection refer to nodes by these keys.
 */
export function nodeKeys(nodes: readonly Pick<Node, 'name' | 'opType'>[]): string[] {
  const seen = new Map<string, number>();
  for (const n of nodes) if (n.name) seen.set(n.name, (seen.get(n.name) ?? 0) + 1);
  return nodes.map((n, i) => (n.name && seen.get(n.name) === 1 ? n.name : `${n.name || n.opType}#${i}`));
}

/**
 * valueTypes (e.g. from shape inference) win over the graph's own value_info, inputs and outputs.
 */
export function buildModel(graph: Graph, valueTypes?: ReadonlyMap<string, TypeInfo>): GraphModel {
  const keys = nodeKeys(graph.nodes);
  const producer = new Map<string, number>();
  graph.nodes.forEach((n, i) => n.outputs.forEach((o) => o && producer.set(o, i)));
  const declared = new Map<string, TypeInfo>();
  for (const v of [...graph.inputs, ...graph.outputs, ...graph.valueInfo.values()])
    if (v.type) declared.set(v.name, v.type);
  const blocks = detectBlocks(graph.nodes, new Set(graph.outputs.map((o) => o.name)));
  return {
    graph,
    keys,
    keyIndex: new Map(keys.map((k, i) => [k, i])),
    constants: constantsOf(graph),
    blocks,
    chains: blockChains(graph.nodes.length, blocks),
    producer,
    typeOf: (value) => {
      const t = valueTypes?.get(value) ?? declared.get(value);
      if (t) return t;
      const init = graph.initializers.get(value);
      return init ? { dtype: init.dtype, shape: init.dims } : null;
    },
  };
}

const countOps = (graph: Graph, members: number[]) => {
  const counts = new Map<string, number>();
  for (const m of members) counts.set(graph.nodes[m].opType, (counts.get(graph.nodes[m].opType) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
};

/** A block's operator mix, most frequent first: "Conv×3 · Clip×2 · Add". */
export function opMix(graph: Graph, members: number[], max = 3): string {
  const counts = countOps(graph, members);
  const shown = counts.slice(0, max).map(([op, n]) => (n > 1 ? `${op}×${n}` : op));
  return counts.length > max ? `${shown.join(' · ')} …` : shown.join(' · ');
}

/** The box that stands for graph node i: the outermost collapsed block around it, or itself (-1). */
export function collapsedBlockOf(model: GraphModel, i: number, collapsed: ReadonlySet<string>): number {
  for (const b of model.chains[i]) if (collapsed.has(model.blocks[b].id)) return b;
  return -1;
}

/** Words drawn on boxes, in the reader's language. */
export interface ViewText {
  blockSize(nodes: number): string;
}

export const ENGLISH_VIEW_TEXT: ViewText = { blockSize: (n) => `${n} nodes` };

export function buildView(
  model: GraphModel,
  collapsed: ReadonlySet<string> = new Set(),
  text = ENGLISH_VIEW_TEXT,
): ViewGraph {
  const { graph } = model;
  const nodes: ViewNode[] = [];
  const indexOf = new Map<string, number>();
  const add = (node: ViewNode) => {
    indexOf.set(node.key, nodes.length);
    nodes.push(node);
    return nodes.length - 1;
  };

  const isInitializer = (name: string) => graph.initializers.has(name);
  graph.inputs.forEach((v, i) => {
    // IR < 4 files list initializers among the inputs too; those are weights, not inputs
    if (!isInitializer(v.name))
      add({
        key: INPUT_PREFIX + v.name,
        kind: 'input',
        title: v.name,
        detail: formatType(model.typeOf(v.name)),
        weights: '',
        family: 'io',
        ref: i,
      });
  });

  const boxOf = new Int32Array(graph.nodes.length);
  const blockBox = new Map<number, number>();
  graph.nodes.forEach((node, i) => {
    const b = collapsedBlockOf(model, i, collapsed);
    if (b < 0) {
      boxOf[i] = add({
        key: model.keys[i],
        kind: 'op',
        title: node.opType,
        detail: keyAttributes(node, model.constants),
        weights: weightsSummary(node, graph.initializers),
        family: opFamily(node.opType, node.domain),
        ref: i,
      });
      return;
    }
    let box = blockBox.get(b);
    if (box === undefined) {
      const block = model.blocks[b];
      box = add({
        key: BLOCK_PREFIX + block.id,
        kind: 'block',
        title: block.label,
        detail: text.blockSize(block.members.length),
        weights: opMix(graph, block.members),
        family: 'block',
        ref: b,
      });
      blockBox.set(b, box);
    }
    boxOf[i] = box;
    indexOf.set(model.keys[i], box);
  });

  const outputStart = nodes.length;
  graph.outputs.forEach((v, i) =>
    add({
      key: OUTPUT_PREFIX + v.name,
      kind: 'output',
      title: v.name,
      detail: formatType(model.typeOf(v.name)),
      weights: '',
      family: 'io',
      ref: i,
    }),
  );

  const edges: ViewEdge[] = [];
  const seen = new Set<string>();
  const connect = (from: number, to: number, value: string) => {
    const id = `${from}>${to}>${value}`;
    if (from === to || seen.has(id)) return;
    seen.add(id);
    edges.push({ from, to, value, label: formatType(model.typeOf(value)) });
  };
  /** The box a value comes from: its producer's box or a graph input's; -1 for initializers and dangling names. */
  const source = (value: string) => {
    const p = model.producer.get(value);
    if (p !== undefined) return boxOf[p];
    return indexOf.get(INPUT_PREFIX + value) ?? -1;
  };
  graph.nodes.forEach((node, i) => {
    for (const value of node.inputs) {
      if (!value) continue;
      const from = source(value);
      if (from >= 0) connect(from, boxOf[i], value);
    }
  });
  graph.outputs.forEach((v, i) => {
    const from = source(v.name);
    if (from >= 0) connect(from, outputStart + i, v.name);
  });
  return { model, nodes, edges, indexOf };
}

/** Initializers read by a graph node, with their input position. */
export function weightsOf(model: GraphModel, i: number): { name: string; input: number; tensor: Tensor }[] {
  return model.graph.nodes[i].inputs.flatMap((name, input) => {
    const tensor = name ? model.graph.initializers.get(name) : undefined;
    return tensor ? [{ name, input, tensor }] : [];
  });
}
