// Axis permutations as Transpose uses them (output axis i is input axis perm[i]), and the two that move
// between the layouts: NCHW → NHWC is [0, 2, 3, 1], NHWC → NCHW is [0, 3, 1, 2].
import type { Node } from '../ir/graph';
import { makeNode } from '../ir/build';
import type { Tensor } from '../ir/tensor';
import { numeric } from '../ops/check';
import { permuteAxes } from '../ops/strided';

export const TO_NHWC = [0, 2, 3, 1];
export const TO_NCHW = [0, 3, 1, 2];

export const samePerm = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((p, i) => p === b[i]);

export const isIdentity = (perm: readonly number[]) => perm.every((p, i) => p === i);

/** Transposing by `first` then by `second` is transposing by compose(first, second). */
export const compose = (first: readonly number[], second: readonly number[]) => second.map((j) => first[j]);

export function inverse(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

/** The perm of a Transpose node of the default domain, or null (another op, or no perm attribute: rank unknown). */
export function transposePerm(node: Node | undefined): number[] | null {
  if (!node || node.domain !== '' || node.opType !== 'Transpose') return null;
  const perm = node.attributes.perm;
  return perm?.type === 'ints' ? perm.value : null;
}

export const transposeNode = (input: string, output: string, perm: readonly number[], name: string) =>
  makeNode('Transpose', [input], [output], {
    name,
    attributes: { perm: { type: 'ints', value: [...perm] } },
  });

/** A constant with its axes permuted (done once, at conversion time, like onnxruntime's weight pre-packing). */
export function permuteConstant(t: Tensor, perm: readonly number[]): Tensor {
  const ctx = { node: transposeNode('', '', perm, 'layout-nhwc'), opset: 17 };
  return permuteAxes(ctx, numeric(ctx, t, 'constant'), perm);
}
