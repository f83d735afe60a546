// Repeated blocks a reader can collapse: MobileNetV2's 17 inverted-residual blocks, a Transformer's N layers.
// Two ways to find them:
// 1. By name scope. Exporters name nodes by module path ("/features/features.3/conv/conv.0/Conv" from
//    PyTorch, "model/block_3/conv/Conv2D" from TensorFlow). A scope is a block when it ends in a number and
//    its parent holds at least two such numbered scopes of two or more nodes: features.0 … features.18.
//    Blocks nest (features.3 contains conv.0 and conv.1).
// 2. By structure, for graphs without scoped names: cut the graph in topological order wherever exactly
//    one value is live (the output of a residual Add, say); the pieces between cuts whose operator
//    structure occurs at least twice are blocks.
import type { Node } from '../../engine';

export interface Block {
  /** Scope path ("features/features.3") or "repeat:<k>"; unique. */
  id: string;
  /** Short name shown on the collapsed node ("features.3"). */
  label: string;
  /** Indices of the graph nodes inside, nested blocks included, in graph order. */
  members: number[];
  /** Index of the enclosing block, or -1. Parents come before their children in the list. */
  parent: number;
}

type NodeLike = Pick<Node, 'name' | 'opType' | 'inputs' | 'outputs'>;

/** The scope path of a node name, without the node's own last component; [] when unscoped. */
export function scopeOf(name: string): string[] {
  if (name.includes('/')) return name.split('/').filter(Boolean).slice(0, -1);
  const parts = name.split('.');
  // "layer1.0.conv1" style (older exporters): at least two dots and a numbered component
  return parts.length > 2 && parts.some((p) => /^\d+$/.test(p)) ? parts.slice(0, -1) : [];
}

const numbered = (segment: string) => /\d$/.test(segment);

interface Scope {
  path: string;
  segment: string;
  members: number[];
  children: Map<string, Scope>;
}

function scopeTree(nodes: readonly NodeLike[]): Scope {
  const root: Scope = { path: '', segment: '', members: [], children: new Map() };
  nodes.forEach((node, i) => {
    let scope = root;
    for (const segment of scopeOf(node.name)) {
      let child = scope.children.get(segment);
      if (!child) {
        child = {
          path: scope.path ? `${scope.path}/${segment}` : segment,
          segment,
          members: [],
          children: new Map(),
        };
        scope.children.set(segment, child);
      }
      child.members.push(i);
      scope = child;
    }
  });
  return root;
}

function blocksByName(nodes: readonly NodeLike[]): Block[] {
  const blocks: Block[] = [];
  const visit = (scope: Scope, parent: number) => {
    const repeated = [...scope.children.values()].filter((c) => numbered(c.segment) && c.members.length >= 2);
    const isRepeat = (c: Scope) => repeated.length >= 2 && repeated.includes(c);
    for (const child of scope.children.values()) {
      let next = parent;
      // a scope holding exactly its parent block's nodes adds nothing to collapse
      if (isRepeat(child) && !(parent >= 0 && blocks[parent].members.length === child.members.length)) {
        blocks.push({ id: child.path, label: child.segment, members: child.members, parent });
        next = blocks.length - 1;
      }
      visit(child, next);
    }
  };
  visit(scopeTree(nodes), -1);
  return blocks;
}

/** Graph nodes in topological order: the file order when it is one (ONNX requires it), else Kahn's. */
export function topologicalOrder(nodes: readonly NodeLike[]): number[] {
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => n.outputs.forEach((o) => o && producer.set(o, i)));
  const fileOrder = nodes.map((_, i) => i);
  if (nodes.every((n, i) => n.inputs.every((v) => (producer.get(v) ?? -1) < i || producer.get(v) === i)))
    return fileOrder;
  const consumers: number[][] = nodes.map(() => []);
  const indegree = new Int32Array(nodes.length);
  nodes.forEach((n, i) => {
    for (const p of new Set(n.inputs.map((v) => producer.get(v) ?? i))) {
      if (p === i) continue;
      consumers[p].push(i);
      indegree[i]++;
    }
  });
  const order = fileOrder.filter((i) => indegree[i] === 0);
  for (let head = 0; head < order.length; head++)
    for (const w of consumers[order[head]]) if (--indegree[w] === 0) order.push(w);
  // nodes on a cycle (invalid ONNX) keep their file order at the end
  if (order.length < nodes.length) {
    const seen = new Set(order);
    for (const i of fileOrder) if (!seen.has(i)) order.push(i);
  }
  return order;
}

function blocksByStructure(nodes: readonly NodeLike[], graphOutputs: ReadonlySet<string>): Block[] {
  const order = topologicalOrder(nodes);
  const position = new Int32Array(nodes.length);
  order.forEach((v, p) => (position[v] = p));
  // Each produced value is live from its producer's position until its last use. Outputs of nodes without
  // inputs (Constant) are not data flow, and would hide every cut between their definition and their use.
  const lastUse = new Map<string, number>();
  for (const v of order)
    for (const input of nodes[v].inputs)
      if (input) lastUse.set(input, Math.max(lastUse.get(input) ?? -1, position[v]));
  const delta = new Int32Array(nodes.length + 1);
  for (const v of order)
    for (const output of nodes[v].outputs) {
      if (!output || !nodes[v].inputs.some(Boolean)) continue;
      const end = graphOutputs.has(output) ? nodes.length : (lastUse.get(output) ?? position[v]);
      if (end > position[v]) {
        delta[position[v]]++;
        delta[end]--;
      }
    }
  const segments: number[][] = [];
  let current: number[] = [];
  let live = 0;
  for (let p = 0; p < order.length; p++) {
    current.push(order[p]);
    live += delta[p];
    // a Constant right before a cut belongs with the piece that uses it
    if ((live === 1 && nodes[order[p]].inputs.some(Boolean)) || p === order.length - 1) {
      segments.push(current);
      current = [];
    }
  }
  // Structure of a piece: its operators in order and where each input comes from (inside, by offset).
  const signature = (segment: number[]) => {
    const at = new Map<string, number>();
    segment.forEach((v, k) => nodes[v].outputs.forEach((o) => at.set(o, k)));
    return segment
      .map(
        (v, k) =>
          `${nodes[v].opType}(${nodes[v].inputs.map((i) => (at.has(i) ? k - at.get(i)! : '·')).join(',')})`,
      )
      .join(' ');
  };
  const signatures = segments.map(signature);
  const count = new Map<string, number>();
  for (const s of signatures) count.set(s, (count.get(s) ?? 0) + 1);
  const blocks: Block[] = [];
  segments.forEach((segment, k) => {
    if (segment.length < 3 || count.get(signatures[k])! < 2) return;
    const ops = segment.map((v) => nodes[v].opType);
    const label = `${ops[0]} … ${ops.at(-1)}`;
    blocks.push({
      id: `repeat:${blocks.length}`,
      label,
      members: [...segment].sort((a, b) => a - b),
      parent: -1,
    });
  });
  return blocks;
}

/** Collapsible blocks of a graph: by name scope when the names have scopes, else by repeated structure. */
export function detectBlocks(
  nodes: readonly NodeLike[],
  graphOutputs: ReadonlySet<string> = new Set(),
): Block[] {
  const named = blocksByName(nodes);
  return named.length ? named : blocksByStructure(nodes, graphOutputs);
}

/** For every graph node, its chain of enclosing blocks, outermost first. */
export function blockChains(nodeCount: number, blocks: readonly Block[]): number[][] {
  const innermost = new Int32Array(nodeCount).fill(-1);
  // parents precede children, so the last block to claim a node is its innermost
  blocks.forEach((b, k) => b.members.forEach((m) => (innermost[m] = k)));
  const chains: number[][] = [];
  for (let i = 0; i < nodeCount; i++) {
    const chain: number[] = [];
    for (let k = innermost[i]; k >= 0; k = blocks[k].parent) chain.push(k);
    chains.push(chain.reverse());
  }
  return chains;
}
