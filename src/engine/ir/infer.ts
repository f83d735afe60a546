// Shape and type inference: walks the graph in topological order and asks each operator (OpDef.infer) for
// the types of its outputs, so that every edge of a model can be labelled with its shape. Values that can be
// computed before running (initializers, Constant nodes, and small chains such as Shape → Gather → Concat
// feeding a Reshape) are computed with the operators' own `run` and handed to `infer` as constants.
import { ModelError, type ModelErrorCode } from '../errors';
import { lookupOp } from '../ops/registry';
import type { OpContext, OpDef } from '../ops/types';
import type { Dim, Graph, Model, Node, TypeInfo } from './graph';
import { allocate, numel, type Tensor } from './tensor';
import { nodeLabel } from './scope';
import { topologicalOrder } from './topo';

/** Largest value (elements) computed ahead of time: enough for any shape arithmetic, small enough to be free. */
export const MAX_FOLDED_ELEMENTS = 1 << 16;

/** Ops whose output depends only on the input's shape: they fold as soon as that shape is static. */
const SHAPE_ONLY_OPS = new Set(['Shape', 'Size']);
/** Ops whose outputs are not constant even when their inputs are. */
export const NONDETERMINISTIC_OPS = new Set([
  'RandomNormal',
  'RandomNormalLike',
  'RandomUniform',
  'RandomUniformLike',
  'Multinomial',
  'Bernoulli',
]);

type Lookup = (domain: string, opType: string) => OpDef | undefined;

export interface InferOptions {
  /** Where operators are found; the interpreter's registry by default (tests inject small fakes). */
  lookup?: Lookup;
  /** Numbers for symbolic dims of the inputs ({ batch: 1 }); the others keep their names. */
  bind?: Record<string, number>;
}

export interface TypeConflict {
  value: string;
  declared: TypeInfo;
  inferred: TypeInfo;
  message: string;
}

export interface NodeProblem {
  node: string;
  opType: string;
  message: string;
}

export interface OperatorError extends NodeProblem {
  /** 'invalid' for a model that is wrong, 'unsupported' for one the engine cannot handle (see ModelErrorCode). */
  code: ModelErrorCode;
}

export interface ShapeInference {
  /** The type of every value of the top-level graph (null when unknown). Symbolic dims keep their names. */
  types: Map<string, TypeInfo | null>;
  /** Values known before running: initializers, Constant outputs, and folded values up to MAX_FOLDED_ELEMENTS. */
  constants: Map<string, Tensor>;
  /** Values that do not depend on the graph inputs (weights and what is computed from them only), folded or not. */
  constantValues: Set<string>;
  /** Nodes whose operator is not implemented here: their outputs keep the declared type, if any, or stay unknown. */
  unknownOps: NodeProblem[];
  /** Nodes whose operator rejected its inputs (a ModelError from infer or from folding). */
  errors: OperatorError[];
  /** Values whose type declared in the file disagrees with the inferred one. */
  conflicts: TypeConflict[];
}

const formatType = (t: TypeInfo) => `${t.dtype}[${t.shape === null ? '?' : t.shape.join(', ')}]`;

function disagree(declared: TypeInfo, inferred: TypeInfo): boolean {
  if (declared.dtype !== inferred.dtype) return true;
  if (declared.shape === null || inferred.shape === null) return false;
  if (declared.shape.length !== inferred.shape.length) return true;
  return declared.shape.some(
    (d, i) => typeof d === 'number' && typeof inferred.shape![i] === 'number' && d !== inferred.shape![i],
  );
}

/** The inferred type, with what it leaves unknown (rank, '?' dims) filled in from the declared type. */
function refine(inferred: TypeInfo, declared: TypeInfo | null): TypeInfo {
  if (!declared?.shape || declared.dtype !== inferred.dtype) return inferred;
  if (inferred.shape === null) return { dtype: inferred.dtype, shape: [...declared.shape] };
  if (inferred.shape.length !== declared.shape.length) return inferred;
  const shape: Dim[] = inferred.shape.map((d, i) => (d === '?' ? declared.shape![i] : d));
  return { dtype: inferred.dtype, shape };
}

const isStatic = (shape: Dim[] | null): shape is number[] =>
  shape !== null && shape.every((d) => typeof d === 'number');

/** The type with its symbolic dims replaced by the numbers `bind` gives them. */
function bindType(type: TypeInfo | null, bind: Record<string, number>): TypeInfo | null {
  if (!type?.shape) return type;
  return {
    dtype: type.dtype,
    shape: type.shape.map((d) => (typeof d === 'string' && Object.hasOwn(bind, d) ? bind[d] : d)),
  };
}

/** The types declared in the file for intermediate values and outputs. */
function declaredTypes(graph: Graph, bind: Record<string, number>): Map<string, TypeInfo> {
  const declared = new Map<string, TypeInfo>();
  for (const v of [...graph.valueInfo.values(), ...graph.outputs])
    if (v.type) declared.set(v.name, bindType(v.type, bind)!);
  return declared;
}

/**
 * Infers the type of every value of the model's graph. Symbolic dims of the inputs keep their names, or take
 * the numbers `bind` gives them ({ batch: 1 } makes every shape static for the cost model).
 * Throws ModelError only for a cycle.
 */
export function inferShapes(
  model: Model,
  { lookup = lookupOp, bind = {} }: InferOptions = {},
): ShapeInference {
  const order = topologicalOrder(model.graph);
  const result = walk(model, order, lookup, bind);
  const symbols = [...new Set(model.graph.inputs.flatMap((v) => bindType(v.type, bind)?.shape ?? []))].filter(
    (d): d is string => typeof d === 'string' && d !== '?',
  );
  if (symbols.length > 0)
    sharpenSymbolic(result, symbols, (points) => walk(model, order, lookup, { ...bind, ...points }));
  return result;
}

/**
 * Primes from 11 on, as stand-ins for symbolic dims: past 1 (which would broadcast), 2 and 3 (common real
 * dims), and small enough to stay under the bounds a model clamps against (Slice of a 64-position table).
 */
function primes(count: number): number[] {
  const isPrime = (n: number) => {
    for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
    return true;
  };
  const found: number[] = [];
  for (let n = 11; found.length < count; n += 2) if (isPrime(n)) found.push(n);
  return found;
}

/** n as c · ∏ primes[i]^e[i]: the exponents, and c (what is left when no prime divides it any more). */
function factor(n: number, primes: number[]): { exponents: number[]; rest: number } {
  let rest = n;
  const exponents = primes.map((p) => {
    let e = 0;
    while (rest % p === 0 && rest > 0) {
      rest /= p;
      e++;
    }
    return e;
  });
  return { exponents, rest };
}

/**
 * Shapes through symbolic dims (a Reshape whose target is computed by Shape → Gather → Concat from a
 * ["batch", "sequence", 48] tensor, a Flatten of ["batch", 1280, 1, 1]): the operators work on numbers, so the
 * graph is inferred twice more with every symbol bound to a different prime in each run. A dim that comes out
 * the same in both runs does not depend on the symbols; one that is c · (a product of the symbols' primes) in
 * both runs, with the same c and powers, is named by that product ("sequence", "4*batch",
 * "batch*sequence"); anything else (sequence − 1) stays '?'. Evaluating at two points this way is the idea of
 * randomized polynomial identity testing; a dim the first walk already knows is kept as it is.
 */
function sharpenSymbolic(
  result: ShapeInference,
  symbols: string[],
  walkWith: (bind: Record<string, number>) => ShapeInference,
) {
  const p = primes(2 * symbols.length);
  const [primesA, primesB] = [0, 1].map((k) => symbols.map((_, i) => p[2 * i + k]));
  const runs = [primesA, primesB].map((ps) =>
    walkWith(Object.fromEntries(symbols.map((s, i) => [s, ps[i]]))),
  );
  const name = (da: number, db: number): Dim => {
    const [fa, fb] = [factor(da, primesA), factor(db, primesB)];
    if (fa.rest !== fb.rest || fa.exponents.some((e, i) => e !== fb.exponents[i]) || fa.rest < 1) return '?';
    const terms = symbols.flatMap((s, i) => new Array<string>(fa.exponents[i]).fill(s));
    return [...(fa.rest > 1 ? [String(fa.rest)] : []), ...terms].join('*');
  };
  for (const [value, known] of result.types) {
    const [a, b] = runs.map((r) => r.types.get(value));
    if (!a?.shape || !b?.shape || a.dtype !== b.dtype || a.shape.length !== b.shape.length) continue;
    if (known && (known.dtype !== a.dtype || (known.shape && known.shape.length !== a.shape.length)))
      continue;
    const merged: Dim[] = a.shape.map((da, i) => {
      const db = b.shape![i];
      if (known?.shape && known.shape[i] !== '?') return known.shape[i];
      if (da === db) return da;
      return typeof da === 'number' && typeof db === 'number' ? name(da, db) : '?';
    });
    result.types.set(value, { dtype: a.dtype, shape: merged });
  }
}

/**
 * The number a dim stands for: itself when static, the product of its factors for a symbolic dim ("batch",
 * "4*batch", "batch*sequence"), each symbol's number given by `valueOf`; null for '?'.
 */
export function evaluateDim(dim: Dim, valueOf: (symbol: string) => number): number | null {
  if (typeof dim === 'number') return dim;
  if (dim === '?') return null;
  return dim.split('*').reduce((n, f) => n * (/^\d+$/.test(f) ? Number(f) : valueOf(f)), 1);
}

/** One walk over the nodes in topological order, with the symbolic dims in `bind` replaced by numbers. */
function walk(model: Model, order: Node[], lookup: Lookup, bind: Record<string, number>): ShapeInference {
  const { graph } = model;
  const result: ShapeInference = {
    types: new Map(),
    constants: new Map(),
    constantValues: new Set(),
    unknownOps: [],
    errors: [],
    conflicts: [],
  };
  const { types, constants, constantValues } = result;
  const declared = declaredTypes(graph, bind);

  for (const v of graph.inputs) types.set(v.name, bindType(v.type, bind));
  // An initializer also listed as an input is that input's default value; like other tools (and IR < 4 files,
  // which list every weight as an input), it is treated as a constant.
  for (const [name, t] of graph.initializers) {
    types.set(name, { dtype: t.dtype, shape: [...t.dims] });
    constants.set(name, t);
    constantValues.add(name);
  }

  const indexOf = new Map(graph.nodes.map((n, i) => [n, i]));
  for (const node of order) {
    const label = nodeLabel(node, indexOf.get(node)!);
    const problem = (message: string): NodeProblem => ({ node: label, opType: node.opType, message });
    const setOutputs = (outputTypes: (TypeInfo | null)[]) =>
      node.outputs.forEach(
        (name, i) => name && types.set(name, outputTypes[i] ?? declared.get(name) ?? null),
      );

    const op = lookup(node.domain, node.opType);
    const opset = Object.hasOwn(model.opsets, node.domain) ? model.opsets[node.domain] : undefined;
    if (!op || opset === undefined) {
      if (!op)
        result.unknownOps.push(
          problem(`${node.domain ? `${node.domain}::` : ''}${node.opType} is not implemented here`),
        );
      else
        result.errors.push({
          ...problem(`the model imports no opset for domain "${node.domain}"`),
          code: 'invalid',
        });
      setOutputs([]);
      continue;
    }
    const inputTypes = node.inputs.map((name) => (name ? (types.get(name) ?? null) : null));
    // an input present but of unknown type (behind an unknown op): nothing can be said about the outputs
    if (node.inputs.some((name, i) => name && inputTypes[i] === null)) {
      setOutputs([]);
      continue;
    }
    const ctx: OpContext = { node, opset };
    const known = node.inputs.map((name) => (name ? (constants.get(name) ?? null) : null));
    let outputTypes: TypeInfo[];
    try {
      outputTypes = op.infer(ctx, inputTypes, known);
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      result.errors.push({ ...problem(e.message), code: e.code });
      setOutputs([]);
      continue;
    }
    setOutputs(outputTypes.map((t, i) => refine(t, declared.get(node.outputs[i]) ?? null)));
    for (const [i, name] of node.outputs.entries()) {
      const want = declared.get(name);
      const got = outputTypes[i];
      if (name && want && got && disagree(want, got))
        result.conflicts.push({
          value: name,
          declared: want,
          inferred: got,
          message: `${label} (${node.opType}) gives "${name}" the type ${formatType(got)}, but the file declares ${formatType(want)}`,
        });
    }

    const fold = foldable(node, outputTypes, inputTypes, constantValues);
    if (!fold) continue;
    for (const name of node.outputs) if (name) constantValues.add(name);
    const inputs: (Tensor | null)[] =
      fold === 'shape'
        ? // Shape and Size read only the dims: hand them a tensor of the right shape without its elements
          [
            {
              dtype: inputTypes[0]!.dtype,
              dims: [...(inputTypes[0]!.shape as number[])],
              data: allocate(inputTypes[0]!.dtype, 0),
            },
          ]
        : known;
    if (fold === 'values' && node.inputs.some((name, i) => name && !known[i])) continue; // constant, but not materialized
    if (!outputTypes.every((t) => isStatic(t.shape) && numel(t.shape) <= MAX_FOLDED_ELEMENTS)) continue;
    try {
      op.run(ctx, inputs).forEach((t, i) => node.outputs[i] && constants.set(node.outputs[i], t));
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      result.errors.push({ ...problem(e.message), code: e.code });
    }
  }
  return result;
}

/**
 * Whether a node's outputs are known before running: 'shape' when they depend only on a static input shape
 * (Shape, Size), 'values' when every input is itself constant (Constant has none), false otherwise.
 */
function foldable(
  node: Node,
  outputTypes: TypeInfo[],
  inputTypes: (TypeInfo | null)[],
  constantValues: Set<string>,
): 'shape' | 'values' | false {
  if (node.domain !== '' || NONDETERMINISTIC_OPS.has(node.opType) || outputTypes.length === 0) return false;
  if (SHAPE_ONLY_OPS.has(node.opType)) return isStatic(inputTypes[0]?.shape ?? null) ? 'shape' : false;
  const present = node.inputs.filter(Boolean);
  if (present.length === 0) return node.opType === 'Constant' ? 'values' : false;
  return present.every((name) => constantValues.has(name)) ? 'values' : false;
}

/** Writes inferred types into graph.valueInfo for the intermediate values, so that an export carries them. */
export function recordShapes(graph: Graph, inference: ShapeInference): void {
  const interface_ = new Set([...graph.inputs, ...graph.outputs].map((v) => v.name));
  for (const node of graph.nodes)
    for (const name of node.outputs) {
      const type = inference.types.get(name);
      if (name && type && !interface_.has(name) && !graph.initializers.has(name))
        graph.valueInfo.set(name, { name, type });
    }
}
