// A seeded mutation fuzzer for model files: it damages valid .onnx files the ways real files go wrong
// (flipped bytes, truncation, spliced pieces, huge varints) and the ways hostile files are built (absurd
// dims, wrong attribute types, cycles, undefined values, unknown ops), then hands each to a target — e.g.
// decode → validate → inferShapes → run — and records what it threw and how long it took. The caller
// decides what counts as a failure (in the tests: anything but a ModelError, or a slow case).
import type { onnx as P } from 'onnx-proto';
import { seededRandom } from '../stats/rng';
import { onnx } from './proto';

type Random = () => number;
const int = (random: Random, n: number) => Math.floor(random() * n);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)];

/** Values that break size arithmetic: huge, negative, past 2^53, and the int64 extremes. */
const HOSTILE_NUMBERS = [2 ** 31, 2 ** 32 - 1, 1e12, 2 ** 53 + 2, -1, -(2 ** 31), 0];
/** Op types that are no ONNX operator, including names that are also properties of every JS object. */
const HOSTILE_OP_TYPES = ['NoSuchOp', 'constructor', '__proto__', 'toString', 'hasOwnProperty'];

// ---- byte-level mutations: what a damaged download or a wrong file looks like ----

function flipBytes(bytes: Uint8Array, random: Random): [Uint8Array, string] {
  const out = bytes.slice();
  const n = 1 + int(random, 8);
  for (let i = 0; i < n; i++) out[int(random, out.length)] ^= 1 + int(random, 255);
  return [out, `flip ${n} byte(s)`];
}

function truncate(bytes: Uint8Array, random: Random): [Uint8Array, string] {
  const at = int(random, bytes.length);
  return [bytes.slice(0, at), `truncate at ${at}`];
}

function splice(bytes: Uint8Array, random: Random, donor: Uint8Array): [Uint8Array, string] {
  const length = 1 + int(random, Math.min(64, donor.length));
  const from = int(random, donor.length - length + 1);
  const at = int(random, bytes.length);
  const out = new Uint8Array(bytes.length + length);
  out.set(bytes.subarray(0, at));
  out.set(donor.subarray(from, from + length), at);
  out.set(bytes.subarray(at), at + length);
  return [out, `splice ${length} bytes at ${at}`];
}

/** Overwrites bytes at a random place with a maximal varint (10 bytes, 2^64 − 1) or a 5-byte 2^32 − 1. */
function hugeVarint(bytes: Uint8Array, random: Random): [Uint8Array, string] {
  const varint =
    random() < 0.5
      ? [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]
      : [0xff, 0xff, 0xff, 0xff, 0x0f];
  const out = bytes.slice();
  const at = int(random, out.length);
  varint.forEach((b, i) => at + i < out.length && (out[at + i] = b));
  return [out, `huge varint at ${at}`];
}

// ---- structural mutations: a well-formed protobuf whose content is hostile ----

type ModelMutation = (m: P.IModelProto, random: Random) => string | null;

const nodesOf = (m: P.IModelProto) => m.graph?.node ?? [];

const STRUCTURAL: Record<string, ModelMutation> = {
  absurdTensorDims(m, random) {
    const t = m.graph?.initializer?.length ? pick(random, m.graph.initializer) : null;
    if (!t) return null;
    const dims = [...(t.dims ?? [])];
    dims[int(random, dims.length + 1)] = pick(random, HOSTILE_NUMBERS);
    t.dims = dims;
    return `initializer "${t.name}" dims → [${dims.join(', ')}]`;
  },
  absurdInputShape(m, random) {
    const v = m.graph?.input?.length ? pick(random, m.graph.input) : null;
    const shape = v?.type?.tensorType?.shape;
    if (!v || !shape) return null;
    const wide = random() < 0.2;
    shape.dim = wide
      ? Array.from({ length: 40 }, () => ({ dimValue: 2 }))
      : (shape.dim ?? []).map(() => ({ dimValue: pick(random, HOSTILE_NUMBERS) }));
    return `input "${v.name}" shape → ${wide ? 'rank 40' : (shape.dim ?? []).map((d) => d.dimValue).join('×')}`;
  },
  wrongElementType(m, random) {
    const t = m.graph?.initializer?.length ? pick(random, m.graph.initializer) : null;
    const code = int(random, 24);
    if (t) t.dataType = code;
    else if (m.graph?.input?.[0]?.type?.tensorType) m.graph.input[0].type.tensorType.elemType = code;
    else return null;
    return `element type → ${code}`;
  },
  truncatedRawData(m, random) {
    const t = m.graph?.initializer?.find((i) => (i.rawData?.length ?? 0) > 1);
    if (!t) return null;
    t.rawData = t.rawData!.slice(0, int(random, t.rawData!.length));
    return `initializer "${t.name}" raw_data cut to ${t.rawData.length} bytes`;
  },
  wrongAttributeType(m, random) {
    const withAttributes = nodesOf(m).filter((n) => n.attribute?.length);
    if (!withAttributes.length) return null;
    const a = pick(random, pick(random, withAttributes).attribute!);
    // 99 is no AttributeType: the enum is open on the wire
    a.type = pick(random, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 99]) as P.AttributeProto.AttributeType;
    return `attribute "${a.name}" type → ${a.type}`;
  },
  absurdAttributeValues(m, random) {
    const withAttributes = nodesOf(m).filter((n) => n.attribute?.length);
    if (!withAttributes.length) return null;
    const a = pick(random, pick(random, withAttributes).attribute!);
    const value = pick(random, HOSTILE_NUMBERS);
    a.i = value;
    a.f = value;
    a.ints = (a.ints?.length ? a.ints : [1, 1]).map(() => pick(random, HOSTILE_NUMBERS));
    return `attribute "${a.name}" values → ${value}`;
  },
  undefinedInput(m, random) {
    const nodes = nodesOf(m).filter((n) => n.input?.length);
    if (!nodes.length) return null;
    const node = pick(random, nodes);
    node.input![int(random, node.input!.length)] = 'never_defined';
    return `node "${node.name}" reads an undefined value`;
  },
  cycle(m, random) {
    const nodes = nodesOf(m);
    if (!nodes.length) return null;
    const first = pick(random, nodes);
    const last = nodes[nodes.length - 1];
    first.input = [last.output?.[0] ?? 'x', ...(first.input ?? []).slice(1)];
    return `node "${first.name}" reads the last node's output`;
  },
  unknownOp(m, random) {
    const nodes = nodesOf(m);
    if (!nodes.length) return null;
    const node = pick(random, nodes);
    node.opType = pick(random, HOSTILE_OP_TYPES);
    if (random() < 0.3) node.domain = pick(random, ['com.example', '__proto__', 'ai.onnx']);
    return `node "${node.name}" op → ${node.domain ? `${node.domain}::` : ''}${node.opType}`;
  },
  duplicateOutput(m, random) {
    const nodes = nodesOf(m);
    if (nodes.length < 1) return null;
    const node = pick(random, nodes);
    const other = pick(random, [
      ...(m.graph?.input ?? []).map((v) => v.name ?? ''),
      ...nodes.flatMap((n) => n.output ?? []),
    ]);
    node.output = [other, ...(node.output ?? []).slice(1)];
    return `node "${node.name}" also writes "${other}"`;
  },
  removedInitializer(m, random) {
    const inits = m.graph?.initializer;
    if (!inits?.length) return null;
    const [t] = inits.splice(int(random, inits.length), 1);
    return `initializer "${t.name}" removed`;
  },
  wrongOpset(m, random) {
    const version = pick(random, [0, 1, 6, 9999, -1]);
    m.opsetImport = random() < 0.2 ? [] : [{ domain: '', version }];
    return `opset → ${m.opsetImport.length ? version : 'none'}`;
  },
  nestedGraphs(m, random) {
    // a node whose attribute holds the model's graph, nested a few levels (If branches, Loop bodies)
    const graph = m.graph;
    if (!graph) return null;
    let inner: P.IGraphProto = { ...graph, node: [...(graph.node ?? [])] };
    const depth = 1 + int(random, 20);
    for (let d = 0; d < depth; d++)
      inner = {
        name: `level${d}`,
        node: [
          {
            opType: 'If',
            input: ['cond'],
            output: ['out'],
            attribute: [{ name: 'then_branch', type: 5, g: inner }],
          },
        ],
      };
    graph.node = [...(graph.node ?? []), ...(inner.node ?? [])];
    return `If nested ${depth} deep`;
  },
};

function structural(bytes: Uint8Array, random: Random): [Uint8Array, string] {
  const names = Object.keys(STRUCTURAL);
  const name = pick(random, names);
  const model = onnx.ModelProto.decode(bytes);
  const what = STRUCTURAL[name](model, random);
  if (what === null) return flipBytes(bytes, random); // nothing of that kind in this model
  return [onnx.ModelProto.encode(model).finish(), `${name}: ${what}`];
}

export interface FuzzCase {
  /** Index of the seed file it was made from. */
  seed: number;
  mutation: string;
  bytes: Uint8Array;
}

/** `count` mutated files, made from the seeds (valid .onnx files) in turn, reproducibly from `seed`. */
export function* fuzzCases(seeds: readonly Uint8Array[], count: number, seed: number): Generator<FuzzCase> {
  const random = seededRandom(seed);
  for (let k = 0; k < count; k++) {
    const s = k % seeds.length;
    const bytes = seeds[s];
    const kind = int(random, 5);
    const [mutated, mutation] =
      kind === 0
        ? flipBytes(bytes, random)
        : kind === 1
          ? truncate(bytes, random)
          : kind === 2
            ? splice(bytes, random, pick(random, seeds))
            : kind === 3
              ? hugeVarint(bytes, random)
              : structural(bytes, random);
    yield { seed: s, mutation, bytes: mutated };
  }
}

export interface FuzzOutcome extends Omit<FuzzCase, 'bytes'> {
  /** What the target threw (undefined when it accepted the file). */
  error?: unknown;
  ms: number;
}

/** Runs the target (sync or async) on every case, one at a time, and records what it threw and how long it took. */
export async function fuzz(
  cases: Iterable<FuzzCase>,
  target: (bytes: Uint8Array) => unknown,
): Promise<FuzzOutcome[]> {
  const outcomes: FuzzOutcome[] = [];
  for (const { bytes, ...info } of cases) {
    const start = performance.now();
    let error: unknown;
    try {
      await target(bytes);
    } catch (e) {
      error = e;
    }
    outcomes.push({ ...info, error, ms: performance.now() - start });
  }
  return outcomes;
}
