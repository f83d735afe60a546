// Spec features that neither the ONNX conformance data nor onnxruntime exercise, checked by hand.
import { describe, expect, it } from 'vitest';
import type { Attribute, Node } from '../ir/graph';
import { tensor, type Tensor } from '../ir/tensor';
import { lookupOp } from './registry';

const runOp = (
  opType: string,
  inputs: (Tensor | null)[],
  attributes: Record<string, Attribute> = {},
  opset = 17,
) => {
  const node: Node = {
    name: 'n',
    opType,
    domain: '',
    inputs: inputs.map((t, i) => (t ? `x${i}` : '')),
    outputs: ['y'],
    attributes,
  };
  return lookupOp('', opType)!.run({ node, opset }, inputs);
};
const values = (t: Tensor) => Array.from(t.data as ArrayLike<number>);

describe('hand-checked operator cases', () => {
  it('MatMulInteger with a per-row zero point for A (onnxruntime accepts only a scalar)', () => {
    // (A − [1; 2]) · B with A = [[3, 4], [5, 6]], B = [[1, 0], [2, 1]]: [[2, 3], [3, 4]] · B = [[8, 3], [11, 4]]
    const [y] = runOp('MatMulInteger', [
      tensor('uint8', [2, 2], [3, 4, 5, 6]),
      tensor('uint8', [2, 2], [1, 0, 2, 1]),
      tensor('uint8', [2], [1, 2]),
    ]);
    expect(y.dtype).toBe('int32');
    expect(values(y)).toEqual([8, 3, 11, 4]);
  });

  it('Split opset 18 num_outputs leaves the remainder to the last part', () => {
    const node: Node = {
      name: 's',
      opType: 'Split',
      domain: '',
      inputs: ['x'],
      outputs: ['a', 'b', 'c'],
      attributes: { num_outputs: { type: 'int', value: 3 } },
    };
    const parts = lookupOp('', 'Split')!.run({ node, opset: 18 }, [
      tensor('float32', [7], [0, 1, 2, 3, 4, 5, 6]),
    ]);
    expect(parts.map(values)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('QuantizeLinear rounds halves to even and saturates', () => {
    const [y] = runOp('QuantizeLinear', [
      tensor('float32', [6], [0.5, 1.5, 2.5, -0.5, -1.5, 1000]),
      tensor('float32', [], [1]),
      tensor('int8', [], [0]),
    ]);
    expect(values(y)).toEqual([0, 2, 2, 0, -2, 127]);
  });
});
