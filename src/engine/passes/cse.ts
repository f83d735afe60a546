// cse (common-subexpression elimination): two nodes of the same op, domain and attributes reading the same
// inputs compute the same outputs, so the second is removed and its readers read the first's outputs; two
// constants with the same type, shape and values are one constant (which lets the nodes reading them meet
// here in turn). Exact for every deterministic operator: a node is a pure function of its inputs and
// attributes. Random ops and nodes with subgraphs are left alone.
import { redirectReads, removeInitializer } from '../ir/edit';
import type { Attribute, Graph, Node } from '../ir/graph';
import { indexGraph, type GraphIndex } from '../ir/graphIndex';
import { NONDETERMINISTIC_OPS } from '../ir/infer';
import type { Tensor } from '../ir/tensor';
import { rewrite } from './context';
import { constantOf, hasSubgraphs } from './query';
import type { Pass } from './types';

type Match =
  { kind: 'node'; kept: Node; duplicate: Node } | { kind: 'constant'; kept: string; duplicate: string };

const tensorKey = (t: Tensor) =>
  `${t.dtype}[${t.dims.join(',')}]{${Array.from(t.data as ArrayLike<number>).join(',')}}`;

function attributeKey(a: Attribute): string {
  switch (a.type) {
    case 'tensor':
      return tensorKey(a.value);
    case 'tensors':
      return a.value.map(tensorKey).join(';');
    case 'sparse_tensor':
    case 'sparse_tensors':
    case 'type_proto':
    case 'type_protos':
      return Array.from(a.value).join(',');
    default:
      return JSON.stringify(a.value);
  }
}

/** Everything that determines a node's outputs: op, domain, attributes (by name) and inputs. */
function nodeKey(node: Node): string {
  const attributes = Object.keys(node.attributes)
    .sort()
    .map((k) => `${k}:${node.attributes[k].type}=${attributeKey(node.attributes[k])}`);
  return [node.domain, node.opType, node.outputs.length, node.inputs.join('\u0000'), ...attributes].join(
    '\u0001',
  );
}

/** Whether the duplicate's used outputs can be read from the kept node instead. */
function redirectable(index: GraphIndex, kept: Node, duplicate: Node): boolean {
  return duplicate.outputs.every((out, i) => {
    if (!out) return true;
    if (index.isGraphOutput(out)) return false;
    return index.consumers(out).length === 0 || Boolean(kept.outputs[i]);
  });
}

function duplicateNodes(graph: Graph, index: GraphIndex): Match | undefined {
  const seen = new Map<string, Node>();
  for (const node of graph.nodes) {
    if (NONDETERMINISTIC_OPS.has(node.opType) || hasSubgraphs(node)) continue;
    const key = nodeKey(node);
    const kept = seen.get(key);
    if (kept && redirectable(index, kept, node)) return { kind: 'node', kept, duplicate: node };
    if (!kept) seen.set(key, node);
  }
  return undefined;
}

function sameTensor(a: Tensor, b: Tensor): boolean {
  if (a.dtype !== b.dtype || a.dims.length !== b.dims.length || a.dims.some((d, i) => d !== b.dims[i]))
    return false;
  const [x, y] = [a.data as ArrayLike<number>, b.data as ArrayLike<number>];
  if (x.length !== y.length) return false;
  // Object.is: NaN equals NaN (the same stored value), 0 and −0 differ (1/x tells them apart)
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  return true;
}

/** Type, shape and up to 16 evenly spaced values: equal tensors share it, different ones rarely do. */
function sampleKey(t: Tensor): string {
  const data = t.data as ArrayLike<number>;
  const step = Math.max(1, Math.floor(data.length / 16));
  const sample: number[] = [];
  for (let i = 0; i < data.length; i += step) sample.push(data[i]);
  return `${t.dtype}[${t.dims.join(',')}]${sample.join(',')}`;
}

function duplicateConstants(graph: Graph, index: GraphIndex): Match | undefined {
  const byShape = new Map<string, string[]>();
  for (const name of graph.initializers.keys()) {
    const t = constantOf(graph, name);
    if (!t || index.isGraphOutput(name) || t.dtype === 'string') continue;
    const key = sampleKey(t);
    const earlier = byShape.get(key) ?? [];
    const kept = earlier.find((other) => sameTensor(graph.initializers.get(other)!, t));
    if (kept && index.consumers(name).length > 0) return { kind: 'constant', kept, duplicate: name };
    if (!kept) byShape.set(key, [...earlier, name]);
  }
  return undefined;
}

const readersOf = (index: GraphIndex, values: string[]) => [
  ...new Set(values.flatMap((v) => (v ? index.consumers(v).map((u) => u.node.name) : []))),
];

export const cse: Pass<Match> = {
  name: 'cse',
  level: 'basic',
  match(graph) {
    const index = indexGraph(graph);
    return duplicateNodes(graph, index) ?? duplicateConstants(graph, index) ?? null;
  },
  apply(graph, match) {
    const index = indexGraph(graph);
    if (match.kind === 'constant') {
      const changed = readersOf(index, [match.duplicate]);
      redirectReads(graph, match.duplicate, match.kept);
      removeInitializer(graph, match.duplicate);
      return rewrite(
        'cse',
        { code: 'duplicate-constant', duplicate: match.duplicate, kept: match.kept },
        {
          changed,
        },
      );
    }
    const { kept, duplicate } = match;
    // the survivor is listed as changed: it now stands for both (origins), its readers read it instead
    const changed = [kept.name, ...readersOf(index, duplicate.outputs)];
    duplicate.outputs.forEach(
      (out, i) => out && kept.outputs[i] && redirectReads(graph, out, kept.outputs[i]),
    );
    graph.nodes.splice(graph.nodes.indexOf(duplicate), 1);
    for (const out of duplicate.outputs) graph.valueInfo.delete(out);
    return rewrite(
      'cse',
      { code: 'duplicate-node', duplicate: duplicate.name, kept: kept.name },
      {
        removed: [duplicate.name],
        changed,
        origins: { [kept.name]: [kept.name, duplicate.name] },
      },
    );
  },
};
