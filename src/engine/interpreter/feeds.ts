// Checks the tensors given to run() against the graph's declared inputs: names, dtypes, static dims.
import { ModelError } from '../errors';
import type { Graph } from '../ir/graph';
import { numel, type Tensor } from '../ir/tensor';

const shapeText = (dims: readonly (number | string)[]) => `[${dims.join(', ')}]`;

/** The feeds and the initializers as one map of the graph's starting values. Feeds override initializers. */
export function startingValues(graph: Graph, feeds: Readonly<Record<string, Tensor>>): Map<string, Tensor> {
  const declared = new Map(graph.inputs.map((v) => [v.name, v]));
  for (const name of Object.keys(feeds))
    if (!declared.has(name))
      throw new ModelError(
        'input',
        `"${name}" is not an input of the model (inputs: ${graph.inputs.map((v) => v.name).join(', ') || 'none'})`,
        {
          field: `input ${name}`,
        },
      );
  const values = new Map(graph.initializers);
  for (const input of graph.inputs) {
    const t = feeds[input.name];
    const field = `input ${input.name}`;
    if (!t) {
      if (!graph.initializers.has(input.name))
        throw new ModelError('input', `no value given for input "${input.name}"`, { field });
      continue;
    }
    if (
      !Array.isArray(t.dims) ||
      t.dims.some((d) => !Number.isSafeInteger(d) || d < 0) ||
      t.data?.length !== numel(t.dims)
    )
      throw new ModelError(
        'input',
        `the tensor given for "${input.name}" is malformed (dims and data length disagree)`,
        { field },
      );
    const type = input.type;
    if (type) {
      if (t.dtype !== type.dtype)
        throw new ModelError('input', `input "${input.name}" must be ${type.dtype}, got ${t.dtype}`, {
          field,
        });
      const shape = type.shape;
      if (
        shape &&
        (shape.length !== t.dims.length || shape.some((d, i) => typeof d === 'number' && d !== t.dims[i]))
      )
        throw new ModelError(
          'input',
          `input "${input.name}" must have shape ${shapeText(shape)}, got ${shapeText(t.dims)}`,
          { field },
        );
    }
    values.set(input.name, t);
  }
  return values;
}
