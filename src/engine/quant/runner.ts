// Running a model to read intermediate values, for calibration and per-layer analysis. The engine's own runner
// is the reference interpreter; a runtime that only returns graph outputs (onnxruntime) gets the model from
// exposeValues, which makes the wanted intermediate values graph outputs.
import { ModelError } from '../errors';
import type { Model, ValueInfo } from '../ir/graph';
import { inferShapes } from '../ir/infer';
import type { Tensor } from '../ir/tensor';
import { runAsync } from '../interpreter/run';
import type { LoadedModel, ModelRunner } from './model.types';

/** The reference interpreter as a runner; `signal` also stops a run between two nodes. */
export function interpreterRunner(signal?: { readonly aborted: boolean }): ModelRunner {
  return {
    async load(model: Model, outputs: readonly string[]): Promise<LoadedModel> {
      return {
        run: (feeds) => runAsync(model, feeds, { outputs: [...outputs], signal }),
        release: async () => {},
      };
    },
  };
}

/**
 * A copy of the model whose graph outputs are exactly `names` (intermediate values included), typed from the
 * file or by shape inference, so that a runtime returning only graph outputs can fetch them. A graph input or
 * an initializer cannot be a node-computed output and is refused: read those from the feeds or the model.
 */
export function exposeValues(model: Model, names: readonly string[]): Model {
  const graph = model.graph;
  const produced = new Set(graph.nodes.flatMap((n) => n.outputs));
  const declared = new Map<string, ValueInfo>(
    [...graph.valueInfo.values(), ...graph.outputs].map((v) => [v.name, v]),
  );
  const missing = names.filter((n) => !produced.has(n));
  if (missing.length > 0)
    throw new ModelError(
      'input',
      `"${missing[0]}" is not computed by a node, so it cannot be made an output`,
      {
        field: `output ${missing[0]}`,
      },
    );
  const untyped = names.filter((n) => !declared.get(n)?.type);
  const inferred = untyped.length > 0 ? inferShapes(model).types : new Map();
  const outputs = names.map((name): ValueInfo => {
    const type = declared.get(name)?.type ?? inferred.get(name) ?? null;
    if (!type)
      throw new ModelError(
        'unsupported',
        `the type of "${name}" is unknown, so it cannot be made an output`,
        {
          field: `output ${name}`,
        },
      );
    return { name, type };
  });
  return { ...model, graph: { ...graph, outputs } };
}

/**
 * Loads `model` on the runner for the wanted values that are not graph inputs; when every wanted value is a
 * graph input, nothing needs to run and no session is made.
 */
export async function loadFor(
  runner: ModelRunner,
  model: Model,
  wanted: readonly string[],
): Promise<LoadedModel> {
  const computed = computedValues(model, wanted);
  if (computed.length === 0) return { run: async () => ({}), release: async () => {} };
  return runner.load(model, computed);
}

/**
 * Runs one batch and returns the wanted values: graph inputs straight from the feeds, the rest from the loaded
 * model (loaded by loadFor).
 */
export async function fetchValues(
  loaded: LoadedModel,
  feeds: Record<string, Tensor>,
  wanted: readonly string[],
): Promise<Record<string, Tensor>> {
  const values = await loaded.run(feeds);
  const out: Record<string, Tensor> = {};
  for (const name of wanted) {
    const t = feeds[name] ?? values[name];
    if (!t) throw new ModelError('input', `the runner returned no value for "${name}"`, { field: name });
    out[name] = t;
  }
  return out;
}

/** The wanted values a runner must compute: all but the model's graph inputs (those come from the feeds). */
function computedValues(model: Model, wanted: readonly string[]): string[] {
  const inputs = new Set(model.graph.inputs.map((v) => v.name));
  return [...new Set(wanted)].filter((n) => !inputs.has(n));
}
