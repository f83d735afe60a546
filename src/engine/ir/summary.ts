// A model at a glance: what `inspect` prints and a model's info panel shows — operators, interface,
// weights and compute — with everything worth a warning collected on the way.
import { ModelError } from '../errors';
import type { Dim, Model } from './graph';
import { modelCost, type GraphCost } from './cost';
import { inferShapes, type InferOptions, type ShapeInference } from './infer';
import type { DType } from './tensor';
import { assertValid, validate } from './validate';

export interface ValueSummary {
  name: string;
  dtype: DType | null;
  /** null when unknown; symbolic dims by name. */
  shape: Dim[] | null;
}

export interface ModelSummary {
  producer: string;
  irVersion: number;
  opsets: Record<string, number>;
  nodes: number;
  /** Nodes per op type ("com.microsoft::FusedConv" outside the default domain), most frequent first. */
  opCounts: Record<string, number>;
  /** The inputs a caller feeds (initializers the file also lists as inputs are left out). */
  inputs: ValueSummary[];
  outputs: ValueSummary[];
  initializers: number;
  params: number;
  /** Bytes of all stored constants. */
  weightBytes: number;
  macs: number;
  flops: number;
  /** The values symbolic dims took for the figures (1 unless given). */
  symbols: Record<string, number>;
  /** What the figures or the model leave uncertain: unknown ops, unsupported features, declared-type conflicts… */
  warnings: string[];
}

export interface Analysis {
  summary: ModelSummary;
  inference: ShapeInference;
  cost: GraphCost;
}

export interface AnalyzeOptions {
  lookup?: InferOptions['lookup'];
  /** Values of the symbolic dims of the inputs for the cost figures (shapes keep the names); 1 when not given. */
  symbols?: Record<string, number>;
}

/**
 * Validates, infers shapes and costs a model. Throws ModelError for a model that is wrong: a structural error
 * (validate) or an operator rejecting its inputs as invalid. What the engine cannot handle only warns.
 * `inference` keeps symbolic dims (for labels); `cost` is computed with every input dim bound to a number.
 */
export function analyzeModel(model: Model, { lookup, symbols = {} }: AnalyzeOptions = {}): Analysis {
  assertValid(model);
  const inference = inferShapes(model, { lookup });
  const invalid = inference.errors.find((e) => e.code !== 'unsupported');
  if (invalid) {
    const more =
      inference.errors.length > 1 ? ` (and ${inference.errors.length - 1} more operator errors)` : '';
    const where = invalid.message.includes(`node ${invalid.node}`)
      ? ''
      : `${invalid.node} (${invalid.opType}): `;
    throw new ModelError(invalid.code, `${where}${invalid.message}${more}`);
  }
  const { graph } = model;
  const bind: Record<string, number> = {};
  for (const v of graph.inputs)
    for (const d of v.type?.shape ?? []) if (typeof d === 'string' && d !== '?') bind[d] = symbols[d] ?? 1;
  const bound = Object.keys(bind).length > 0 ? inferShapes(model, { lookup, bind }) : inference;
  const cost = modelCost(model, bound, { symbols });

  const opCounts = new Map<string, number>();
  for (const node of graph.nodes) {
    const key = node.domain ? `${node.domain}::${node.opType}` : node.opType;
    opCounts.set(key, (opCounts.get(key) ?? 0) + 1);
  }
  const value = (name: string): ValueSummary => {
    const type = inference.types.get(name) ?? null;
    return { name, dtype: type?.dtype ?? null, shape: type?.shape ?? null };
  };

  const warnings = [
    ...validate(model).map((i) => i.message), // errors were thrown above: these are warnings
    ...inference.errors.map((e) => `${e.node}: ${e.message}`),
    ...bound.errors
      .filter((e) => !inference.errors.some((f) => f.node === e.node))
      .map((e) => `${e.node} at ${formatBind(bind)}: ${e.message}`),
    ...unique(inference.unknownOps.map((u) => u.message)).map((m) => `${m}: shapes after it are unknown`),
    ...inference.conflicts.map((c) => c.message),
  ];
  if (cost.uncounted.length) warnings.push(`no FLOP count for ${cost.uncounted.join(', ')} (counted as 0)`);
  const incomplete = cost.nodes.filter((n) => !n.complete).length;
  if (incomplete)
    warnings.push(`${incomplete} node(s) with unknown shapes: their cost is not (fully) counted`);

  const summary: ModelSummary = {
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
    irVersion: model.irVersion,
    opsets: { ...model.opsets },
    nodes: graph.nodes.length,
    opCounts: Object.fromEntries([...opCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
    inputs: graph.inputs.filter((v) => !graph.initializers.has(v.name)).map((v) => value(v.name)),
    outputs: graph.outputs.map((v) => value(v.name)),
    initializers: graph.initializers.size,
    params: cost.params,
    weightBytes: cost.weightBytes,
    macs: cost.macs,
    flops: cost.flops,
    symbols: { ...bind, ...cost.symbols },
    warnings,
  };
  return { summary, inference, cost };
}

const unique = (items: string[]) => [...new Set(items)];
const formatBind = (bind: Record<string, number>) =>
  Object.entries(bind)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
