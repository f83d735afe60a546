// Chains of one kind of convolution layer, with shapes taken from MobileNetV2 (Sandler et al., 2018, table 2):
// the models that show, kind by kind, whether a runtime's int8 kernel beats its float one (lesson 3.4). A
// chain of 8 layers (each Conv followed by Relu) makes the layers' own cost dominate the fixed costs of the
// int8 model — quantizing the input, the layout changes and dequantizing the output happen once per chain.
import { ModelError } from '../errors';
import { makeGraph, makeModel, makeNode, typedValue } from '../ir/build';
import type { Model, Node } from '../ir/graph';
import type { Tensor } from '../ir/tensor';
import { randomTensor } from '../ir/randomTensor';
import { seededRandom } from '../stats/rng';
import type { CalibrationSet } from './model.types';

export interface ConvSpec {
  /** Input and output channels, kernel side, groups (group = c = k: depthwise). */
  c: number;
  k: number;
  kernel: number;
  group: number;
}

export type ConvKind = 'full' | 'pointwise' | 'depthwise';

export type LayerKindId = 'full-3x3' | 'pointwise-56' | 'pointwise-14' | 'depthwise-3x3';

export interface LayerKind {
  id: LayerKindId;
  kind: ConvKind;
  /** Side of the square feature map every layer of the chain works on (stride 1, same padding). */
  size: number;
  layers: ConvSpec[];
}

/** Layers per chain. */
export const CHAIN_LENGTH = 8;

const repeat = (specs: ConvSpec[]) => Array.from({ length: CHAIN_LENGTH / specs.length }, () => specs).flat();

/**
 * The four kinds: a full 3×3 convolution as in plain CNNs (32→32 channels at 56×56); MobileNetV2's pointwise
 * 1×1 expansion and projection at 56×56 (24→144→24) and at 14×14 (96→576→96); its depthwise 3×3 over the
 * 144 expanded channels at 56×56.
 */
export const LAYER_KINDS: readonly LayerKind[] = [
  { id: 'full-3x3', kind: 'full', size: 56, layers: repeat([{ c: 32, k: 32, kernel: 3, group: 1 }]) },
  {
    id: 'pointwise-56',
    kind: 'pointwise',
    size: 56,
    layers: repeat([
      { c: 24, k: 144, kernel: 1, group: 1 },
      { c: 144, k: 24, kernel: 1, group: 1 },
    ]),
  },
  {
    id: 'pointwise-14',
    kind: 'pointwise',
    size: 14,
    layers: repeat([
      { c: 96, k: 576, kernel: 1, group: 1 },
      { c: 576, k: 96, kernel: 1, group: 1 },
    ]),
  },
  {
    id: 'depthwise-3x3',
    kind: 'depthwise',
    size: 56,
    layers: repeat([{ c: 144, k: 144, kernel: 3, group: 144 }]),
  },
];

export function layerKind(id: LayerKindId): LayerKind {
  const found = LAYER_KINDS.find((k) => k.id === id);
  if (!found)
    throw new ModelError(
      'input',
      `unknown layer kind "${String(id)}" (${LAYER_KINDS.map((k) => k.id).join(', ')})`,
    );
  return found;
}

/** Products each output element sums: (c / group) · kernel². Few for depthwise (9), many for a full 3×3. */
export const reductionLength = ({ c, group, kernel }: ConvSpec) => (c / group) * kernel * kernel;

/** The channels a chain goes through: "144" (depthwise), "32→32", "24→144→24". */
export function channelPath({ kind, layers }: Pick<LayerKind, 'kind' | 'layers'>): string {
  if (kind === 'depthwise') return `${layers[0].c}`;
  const path = [layers[0].c, layers[0].k];
  if (layers[1].k !== layers[0].k) path.push(layers[1].k);
  return path.join('→');
}

/** Multiply-accumulates of one image through the chain. */
export const chainMacs = ({ layers, size }: LayerKind) =>
  layers.reduce((n, l) => n + size * size * l.k * reductionLength(l), 0);

/** A float chain of Conv → Relu layers with He-uniform random weights (seeded), input [N, c, size, size]. */
export function convChain({ layers, size }: Pick<LayerKind, 'layers' | 'size'>, seed = 1): Model {
  const random = seededRandom(seed);
  const nodes: Node[] = [];
  const initializers = new Map<string, Tensor>();
  let x = 'input';
  for (const [i, spec] of layers.entries()) {
    const { c, k, kernel, group } = spec;
    const a = Math.sqrt(6 / reductionLength(spec));
    initializers.set(`w${i}`, randomTensor('float32', [k, c / group, kernel, kernel], random, [-a, a]));
    initializers.set(`b${i}`, { dtype: 'float32', dims: [k], data: new Float32Array(k).fill(0.01) });
    const pad = (kernel - 1) / 2;
    const attributes = {
      group: { type: 'int' as const, value: group },
      pads: { type: 'ints' as const, value: [pad, pad, pad, pad] },
    };
    nodes.push(makeNode('Conv', [x, `w${i}`, `b${i}`], [`c${i}`], { name: `conv${i}`, attributes }));
    nodes.push(makeNode('Relu', [`c${i}`], [`r${i}`], { name: `relu${i}` }));
    x = `r${i}`;
  }
  return makeModel(
    makeGraph({
      nodes,
      initializers,
      inputs: [typedValue('input', 'float32', ['N', layers[0].c, size, size])],
      outputs: [typedValue(x, 'float32', ['N', layers.at(-1)!.k, size, size])],
    }),
  );
}

/** Seeded uniform inputs in [0, 1) — what a chain is calibrated and timed on. */
export function chainInput(
  { layers, size }: Pick<LayerKind, 'layers' | 'size'>,
  batch: number,
  seed = 1,
): Tensor<'float32'> {
  return randomTensor('float32', [batch, layers[0].c, size, size], seededRandom(seed), [0, 1]);
}

/** A chain's calibration set: one batch of 2 seeded inputs (the ranges of random data need no more). */
export const chainCalibration = (kind: Pick<LayerKind, 'layers' | 'size'>): CalibrationSet => [
  { input: chainInput(kind, 2) },
];

/** What kind of convolution a Conv node is, from its weight [k, c/group, kh, kw]; null for other nodes. */
export function convKind(model: Model, node: Node): ConvKind | null {
  if (node.opType !== 'Conv') return null;
  const w = model.graph.initializers.get(node.inputs[1]);
  if (!w) return null;
  const group = node.attributes.group?.type === 'int' ? node.attributes.group.value : 1;
  if (group > 1 && group === w.dims[0] && w.dims[1] === 1) return 'depthwise';
  return w.dims[2] === 1 && w.dims[3] === 1 ? 'pointwise' : 'full';
}
