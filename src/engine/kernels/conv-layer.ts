// A convolution layer taken out of a model: its input shape, real weights and attributes (ONNX Conv), so the
// kernels can run on the layers of the course's models rather than on made-up shapes.
import { isModelError, ModelError } from '../errors';
import type { Attribute, Model, Node, TypeInfo } from '../ir/graph';
import { inferShapes } from '../ir/infer';
import type { Tensor } from '../ir/tensor';
import type { ConvParams } from './conv-shape';

export interface ConvLayer {
  name: string;
  inputDims: number[];
  w: Tensor<'float32'>;
  bias: Tensor<'float32'> | null;
  params: ConvParams;
}

/** Names of the model's 2-D Conv nodes (unnamed nodes are listed as "Conv#<index>"). */
export function convLayerNames(model: Model): string[] {
  return model.graph.nodes.flatMap((n, i) =>
    n.opType === 'Conv' && n.domain === '' ? [n.name || `Conv#${i}`] : [],
  );
}

function ints(node: Node, name: string): number[] | undefined {
  const a: Attribute | undefined = node.attributes[name];
  if (a === undefined) return undefined;
  if (a.type !== 'ints')
    throw new ModelError('invalid', `Conv attribute ${name} must be a list of ints`, {
      node: node.name,
      field: `attribute ${name}`,
    });
  return a.value;
}

function initializer(model: Model, node: Node, index: number, what: string): Tensor<'float32'> | null {
  const name = node.inputs[index];
  if (!name) return null;
  const t = model.graph.initializers.get(name);
  if (!t)
    throw new ModelError(
      'unsupported',
      `${what} "${name}" is not an initializer (computed at run time), so it has no fixed values to run`,
      {
        node: node.name,
        field: `input ${index}`,
      },
    );
  // float16 is held widened to float32 (ir/tensor.ts), so its values run as they are.
  if (t.dtype !== 'float32' && t.dtype !== 'float16')
    throw new ModelError('unsupported', `${what} has dtype ${t.dtype}; the kernels take float weights`, {
      node: node.name,
      field: `input ${index}`,
    });
  return { dtype: 'float32', dims: [...t.dims], data: t.data as Float32Array };
}

/** The input shape recorded in the model (graph input or value_info); a symbolic batch dimension becomes 1. */
function recordedInputDims(model: Model, name: string): number[] | null {
  const info = model.graph.inputs.find((v) => v.name === name) ?? model.graph.valueInfo.get(name);
  const shape = info?.type?.shape;
  if (!shape || shape.length !== 4) return null;
  const dims = shape.map((d, i) => (typeof d === 'number' ? d : i === 0 ? 1 : NaN));
  return dims.every((d) => Number.isInteger(d) && d > 0) ? dims : null;
}

/** Explicit pads [top, left, bottom, right] for an ONNX auto_pad mode (Conv spec, "auto_pad"). */
function autoPads(
  mode: string,
  input: number[],
  kernel: number[],
  strides: number[],
  dilations: number[],
): number[] {
  if (mode === 'VALID') return [0, 0, 0, 0];
  const begin: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < 2; i++) {
    const out = Math.ceil(input[i] / strides[i]);
    const total = Math.max(0, (out - 1) * strides[i] + dilations[i] * (kernel[i] - 1) + 1 - input[i]);
    const small = Math.floor(total / 2);
    begin.push(mode === 'SAME_LOWER' ? total - small : small);
    end.push(mode === 'SAME_LOWER' ? small : total - small);
  }
  return [...begin, ...end];
}

/**
 * The Conv node named `layer` (or "Conv#<index>") of a model. `inputDims` gives the input shape when the model
 * does not record it (the input of a layer deep in a network needs shape inference).
 */
export function convLayerFromModel(model: Model, layer: string, inputDims?: number[]): ConvLayer {
  const index = model.graph.nodes.findIndex((n, i) => n.name === layer || (!n.name && `Conv#${i}` === layer));
  const node = model.graph.nodes[index];
  if (!node)
    throw new ModelError(
      'input',
      `no node "${layer}" in the model; its Conv layers are: ${convLayerNames(model).join(', ') || 'none'}`,
    );
  if (node.opType !== 'Conv' || node.domain !== '')
    throw new ModelError('input', `node "${layer}" is a ${node.opType}, not a Conv`, { node: layer });
  const w = initializer(model, node, 1, 'weight W');
  if (!w) throw new ModelError('invalid', 'Conv has no weight input', { node: layer });
  if (w.dims.length !== 4)
    throw new ModelError('unsupported', `only 2-D convolutions run here; W has dims [${w.dims.join(', ')}]`, {
      node: layer,
    });
  const bias = initializer(model, node, 2, 'bias B');
  const dims = inputDims ?? recordedInputDims(model, node.inputs[0]);
  if (!dims)
    throw new ModelError(
      'input',
      `the model does not record the shape of "${node.inputs[0]}", the input of ${layer}; give the input shape N,C,H,W`,
      {
        node: layer,
      },
    );
  const kernelShape = ints(node, 'kernel_shape');
  if (kernelShape && (kernelShape[0] !== w.dims[2] || kernelShape[1] !== w.dims[3]))
    throw new ModelError(
      'invalid',
      `kernel_shape [${kernelShape.join(', ')}] disagrees with W [${w.dims.join(', ')}]`,
      {
        node: layer,
        field: 'attribute kernel_shape',
      },
    );
  const strides = ints(node, 'strides') ?? [1, 1];
  const dilations = ints(node, 'dilations') ?? [1, 1];
  const group = node.attributes.group?.type === 'int' ? node.attributes.group.value : 1;
  const autoPad = node.attributes.auto_pad?.type === 'string' ? node.attributes.auto_pad.value : 'NOTSET';
  const pads =
    autoPad === 'NOTSET'
      ? (ints(node, 'pads') ?? [0, 0, 0, 0])
      : autoPads(autoPad, dims.slice(2), w.dims.slice(2), strides, dilations);
  return { name: layer, inputDims: dims, w, bias, params: { strides, pads, dilations, group } };
}

/** One Conv layer of a model: ready to run, or the reason it cannot be taken out. */
export type ConvLayerChoice =
  { name: string; layer: ConvLayer; problem: null } | { name: string; layer: null; problem: string };

/**
 * Every Conv layer of a model with its input shape found by shape inference (symbolic leading dims of the
 * graph inputs taken as batch 1), so that layers deep in a network can be run too.
 */
export function convLayersOfModel(model: Model): ConvLayerChoice[] {
  const bind: Record<string, number> = {};
  for (const input of model.graph.inputs) {
    const first = input.type?.shape?.[0];
    if (typeof first === 'string') bind[first] = 1;
  }
  const names = convLayerNames(model);
  const types = names.length ? inferShapes(model, { bind }).types : new Map<string, TypeInfo | null>();
  return names.map((name) => {
    try {
      const index = model.graph.nodes.findIndex(
        (n, i) => n.name === name || (!n.name && `Conv#${i}` === name),
      );
      const shape = types.get(model.graph.nodes[index].inputs[0])?.shape;
      const dims = shape?.every((d) => typeof d === 'number') ? (shape as number[]) : undefined;
      return { name, layer: convLayerFromModel(model, name, dims), problem: null };
    } catch (e) {
      if (!isModelError(e)) throw e;
      return { name, layer: null, problem: e.message };
    }
  });
}
