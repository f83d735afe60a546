// The check run before and after every pass (as onnx-simplifier checks the model around each step): the graph
// must stay valid (ir/validate), every operator must accept its inputs (shape inference), declared types must
// agree with inferred ones, and the graph's interface — its inputs and the types of its outputs — must not
// change. A pass that breaks any of these is a bug, reported with its name as a PassError.
import { ModelError } from '../errors';
import type { Dim, Model, TypeInfo } from '../ir/graph';
import { inferShapes, type ShapeInference } from '../ir/infer';
import { validate } from '../ir/validate';
import type { PassName } from './types';

export class PassError extends Error {
  constructor(
    readonly pass: PassName,
    readonly problems: string[],
  ) {
    super(
      `pass ${pass} broke the graph (a bug in the pass): ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`,
    );
    this.name = 'PassError';
  }
}

export interface GraphCheck {
  /** What is wrong with the graph; empty for a sound one. */
  problems: string[];
  /** null when the graph is too broken to infer (a cycle). */
  inference: ShapeInference | null;
  /** Nodes whose shapes the engine cannot infer (unknown or unsupported ops): allowed, but must not grow. */
  unsupported: number;
  inputs: string;
  outputs: { name: string; type: TypeInfo | null }[];
}

const formatType = (t: TypeInfo | null) => (t ? `${t.dtype}[${t.shape?.join(', ') ?? '?'}]` : 'unknown');

export function checkGraph(model: Model): GraphCheck {
  const { graph } = model;
  const problems = validate(model)
    .filter((issue) => issue.severity === 'error')
    .map((issue) => issue.message);
  let inference: ShapeInference | null = null;
  try {
    inference = inferShapes(model);
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    problems.push(e.message);
  }
  const errors = inference?.errors ?? [];
  for (const e of errors)
    if (e.code !== 'unsupported') problems.push(`${e.node} (${e.opType}): ${e.message}`);
  problems.push(...(inference?.conflicts ?? []).map((c) => c.message));
  return {
    problems,
    inference,
    unsupported: (inference?.unknownOps.length ?? 0) + errors.filter((e) => e.code === 'unsupported').length,
    inputs: JSON.stringify(graph.inputs.map((v) => [v.name, v.type])),
    outputs: graph.outputs.map((v) => ({ name: v.name, type: inference?.types.get(v.name) ?? null })),
  };
}

/** Two dims that cannot be equal: different numbers, or different symbols. '?' agrees with anything. */
const contradict = (a: Dim, b: Dim) => a !== '?' && b !== '?' && a !== b;

function outputChanges(before: GraphCheck, after: GraphCheck): string[] {
  if (before.outputs.map((o) => o.name).join('\u0000') !== after.outputs.map((o) => o.name).join('\u0000'))
    return [
      `the graph outputs changed from ${before.outputs.map((o) => o.name).join(', ')} to ${after.outputs.map((o) => o.name).join(', ')}`,
    ];
  return before.outputs.flatMap(({ name, type: was }, i) => {
    const now = after.outputs[i].type;
    if (!was || !now) return [];
    const differs =
      was.dtype !== now.dtype ||
      (was.shape &&
        now.shape &&
        (was.shape.length !== now.shape.length || was.shape.some((d, k) => contradict(d, now.shape![k]))));
    return differs ? [`output ${name} was ${formatType(was)} and is now ${formatType(now)}`] : [];
  });
}

/** Throws PassError when `after` (the graph after `pass`) is broken or its interface changed since `before`. */
export function assertPassKeptGraph(pass: PassName, before: GraphCheck, after: GraphCheck): void {
  const problems = [...after.problems, ...outputChanges(before, after)];
  if (after.inputs !== before.inputs) problems.push('the graph inputs changed');
  if (after.unsupported > before.unsupported)
    problems.push(`${after.unsupported - before.unsupported} more node(s) the engine cannot infer`);
  if (problems.length > 0) throw new PassError(pass, problems);
}
