// The activation an onnxruntime fused node (com.microsoft FusedConv / FusedGemm) applies to its result,
// computed by the standard operator of that name so that a fused node and its unfused pair give the same
// numbers. FusedConv lists the activation's parameters in `activation_params`; FusedGemm carries the
// activation's own attributes with an `activation_` prefix (onnxruntime contrib_ops/cpu/fused_activation.cc,
// fused_gemm.cc).
import type { Attribute } from '../../ir/graph';
import { scalar, type Tensor } from '../../ir/tensor';
import { attrString } from '../attrs';
import { unsupported } from '../check';
import { Clip } from '../Clip';
import { Elu } from '../Elu';
import { HardSigmoid } from '../HardSigmoid';
import { HardSwish } from '../HardSwish';
import { LeakyRelu } from '../LeakyRelu';
import { Relu } from '../Relu';
import { Selu } from '../Selu';
import { Sigmoid } from '../Sigmoid';
import { Softplus } from '../Softplus';
import { Tanh } from '../Tanh';
import type { OpContext, OpDef } from '../types';

/** Activations of FusedConv, with the meaning of each entry of activation_params. */
export const CONV_ACTIVATIONS: Record<string, { op: OpDef; params: string[] }> = {
  Relu: { op: Relu, params: [] },
  Tanh: { op: Tanh, params: [] },
  Sigmoid: { op: Sigmoid, params: [] },
  LeakyRelu: { op: LeakyRelu, params: ['alpha'] },
  HardSigmoid: { op: HardSigmoid, params: ['alpha', 'beta'] },
  Clip: { op: Clip, params: ['min', 'max'] },
  HardSwish: { op: HardSwish, params: [] },
};

/** Activations of FusedGemm, with the attributes each takes (as activation_<name>). */
export const GEMM_ACTIVATIONS: Record<string, { op: OpDef; attributes: string[] }> = {
  Relu: { op: Relu, attributes: [] },
  Tanh: { op: Tanh, attributes: [] },
  Sigmoid: { op: Sigmoid, attributes: [] },
  LeakyRelu: { op: LeakyRelu, attributes: ['alpha'] },
  HardSigmoid: { op: HardSigmoid, attributes: ['alpha', 'beta'] },
  Elu: { op: Elu, attributes: ['alpha'] },
  Selu: { op: Selu, attributes: ['alpha', 'gamma'] },
  Softplus: { op: Softplus, attributes: [] },
};

/** The standard activation node a fused node stands for: op, attributes, and Clip's bounds as inputs. */
interface Activation {
  op: OpDef;
  attributes: Record<string, Attribute>;
  bounds: [number, number] | null;
}

function convActivation(ctx: OpContext, name: string): Activation {
  const entry = CONV_ACTIVATIONS[name];
  if (!entry) unsupported(ctx, `activation "${name}" is not supported`, 'attribute activation');
  const a = ctx.node.attributes.activation_params;
  const params = a?.type === 'floats' ? a.value : [];
  if (params.length < entry.params.length)
    unsupported(
      ctx,
      `activation ${name} needs ${entry.params.length} activation_params`,
      'attribute activation_params',
    );
  if (entry.op === Clip) return { op: Clip, attributes: {}, bounds: [params[0], params[1]] };
  const attributes = Object.fromEntries(
    entry.params.map((p, i): [string, Attribute] => [p, { type: 'float', value: params[i] }]),
  );
  return { op: entry.op, attributes, bounds: null };
}

function gemmActivation(ctx: OpContext, name: string): Activation {
  const entry = GEMM_ACTIVATIONS[name];
  if (!entry) unsupported(ctx, `activation "${name}" is not supported`, 'attribute activation');
  const attributes: Record<string, Attribute> = {};
  for (const p of entry.attributes) {
    const a = ctx.node.attributes[`activation_${p}`];
    if (a) attributes[p] = a;
  }
  return { op: entry.op, attributes, bounds: null };
}

/** Applies the node's activation to y (a new tensor); y itself when the node has none. */
export function applyActivation(ctx: OpContext, y: Tensor, kind: 'conv' | 'gemm'): Tensor {
  const name = attrString(ctx, 'activation', '');
  if (name === '') return y;
  const { op, attributes, bounds } = kind === 'conv' ? convActivation(ctx, name) : gemmActivation(ctx, name);
  const node = { ...ctx.node, opType: op.opType, domain: '', attributes, inputs: ['y', 'min', 'max'] };
  const inputs = bounds ? [y, scalar(y.dtype, bounds[0]), scalar(y.dtype, bounds[1])] : [y];
  // opset 17: every activation here has its current definition (Clip's bounds as inputs)
  return op.run({ node, opset: 17 }, inputs)[0];
}
