// The transposes a graph runs and the bytes they move per inference: each reads its input once and writes
// as many bytes once, so it moves 2 × the tensor's size. Transposes of constants are folded, not counted.
import type { Model } from '../ir/graph';
import { tensorLifetimes, type LifetimeOptions } from '../memory/lifetimes';
import { transposePerm } from './perm';

export interface TransposeCost {
  node: string;
  perm: number[] | null;
  /** Size of the tensor it transposes. */
  bytes: number;
  /** Bytes read plus bytes written: 2 × bytes. */
  movedBytes: number;
}

export interface TransposeReport {
  transposes: TransposeCost[];
  movedBytes: number;
}

/** The Transpose nodes that run (in execution order) at the given batch, with their traffic. */
export function transposeReport(model: Model, options: LifetimeOptions = {}): TransposeReport {
  const { order, labels, tensors } = tensorLifetimes(model, options);
  const bytes = new Map(tensors.map((t) => [t.name, t.bytes]));
  const transposes = order.flatMap((node, step): TransposeCost[] => {
    if (node.opType !== 'Transpose' || node.domain !== '') return [];
    const size = bytes.get(node.inputs[0]) ?? 0;
    return [{ node: labels[step], perm: transposePerm(node), bytes: size, movedBytes: 2 * size }];
  });
  return { transposes, movedBytes: transposes.reduce((s, t) => s + t.movedBytes, 0) };
}
