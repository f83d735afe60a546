// In-place opportunities: an element-wise node may write its output over an input that dies at that node
// (read for the last time there) when both have the same size and element type: each output element depends
// only on the input element at the same index, so overwriting it after reading it is safe.
import type { InPlaceOpportunity } from './types';
import type { Lifetime, Lifetimes } from './lifetimes';

const words = (list: string) => list.trim().split(/\s+/);

/** Element-wise ops of the default domain (unary, and binary/variadic with broadcasting). */
const ELEMENTWISE = new Set(
  words(`
    Abs Neg Reciprocal Floor Ceil Round Sign Sqrt Exp Log Erf Sin Cos Tanh Sigmoid HardSigmoid HardSwish
    Relu LeakyRelu PRelu Elu Selu Celu Gelu Softplus Softsign Clip Not
    Add Sub Mul Div Pow Mod Max Min Sum Mean And Or Xor Where
  `),
);

export function inPlaceOpportunities({ order, labels, tensors }: Lifetimes): InPlaceOpportunity[] {
  const byName = new Map<string, Lifetime>(tensors.map((t) => [t.name, t]));
  const found: InPlaceOpportunity[] = [];
  order.forEach((node, step) => {
    if (node.domain !== '' || !ELEMENTWISE.has(node.opType)) return;
    const out = byName.get(node.outputs[0] ?? '');
    if (!out || out.bytes === 0) return;
    const input = node.inputs
      .map((name) => byName.get(name))
      .find((t) => t && !t.isInput && t.end === step && t.bytes === out.bytes && t.dtype === out.dtype);
    if (input) found.push({ node: labels[step], input: input.name, output: out.name, bytes: out.bytes });
  });
  return found;
}
