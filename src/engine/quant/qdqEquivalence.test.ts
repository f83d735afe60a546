// The QDQ form computes what an integer kernel computes: DequantizeLinear → Conv / MatMul → QuantizeLinear,
// run by the reference interpreter on the inputs of the ONNX conformance cases of QLinearConv and
// QLinearMatMul, gives their expected integers — which is why onnxruntime may replace the three nodes by
// one integer kernel. The integer kernels requantize the int32 accumulator with one rounding; the QDQ form
// rounds float sums, so an output may land one step away when it sits near a rounding boundary.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCase } from '../../cli/conformanceDir';
import { makeGraph, makeModel, makeNode } from '../ir/build';
import type { Tensor } from '../ir/tensor';
import { run } from '../interpreter/run';
import { decodeModel, decodeTensor } from '../onnx/decode';

const suite = path.resolve(__dirname, '../../../test-data/onnx-node');

/** The QLinear node of a conformance case rewritten as DQ(a), DQ(b) → op → Q, with the case's attributes. */
function qdqForm(name: string, op: 'Conv' | 'MatMul') {
  const c = readCase(suite, name);
  const original = decodeModel(c.model);
  const node = original.graph.nodes[0];
  const inputs = c.inputs.map((bytes) => decodeTensor(bytes).tensor);
  const [a, as, az, b, bs, bz, ys, yz] = node.inputs;
  const graph = makeGraph({
    nodes: [
      makeNode('DequantizeLinear', [a, as, az], ['a_float']),
      makeNode('DequantizeLinear', [b, bs, bz], ['b_float']),
      makeNode(op, ['a_float', 'b_float'], ['y_float'], { attributes: node.attributes }),
      makeNode('QuantizeLinear', ['y_float', ys, yz], ['y']),
    ],
    inputs: original.graph.inputs,
    outputs: original.graph.outputs,
  });
  const feeds: Record<string, Tensor> = Object.fromEntries(node.inputs.map((n, i) => [n, inputs[i]]));
  return { model: makeModel(graph, { '': 13 }), feeds, expected: decodeTensor(c.outputs[0]).tensor };
}

describe('QDQ form vs the QLinear conformance cases', () => {
  it.each([
    ['test_qlinearconv', 'Conv'],
    ['test_qlinearmatmul_2D_uint8_float32', 'MatMul'],
    ['test_qlinearmatmul_2D_int8_float32', 'MatMul'],
    ['test_qlinearmatmul_3D_uint8_float32', 'MatMul'],
    ['test_qlinearmatmul_3D_int8_float32', 'MatMul'],
  ] as const)('%s: the same integers, at most one step apart', (name, op) => {
    const { model, feeds, expected } = qdqForm(name, op);
    const y = run(model, feeds).y;
    expect(y.dtype).toBe(expected.dtype);
    expect(y.dims).toEqual(expected.dims);
    let off = 0;
    for (let i = 0; i < y.data.length; i++) {
      const d = Math.abs((y.data[i] as number) - (expected.data[i] as number));
      expect(d).toBeLessThanOrEqual(1);
      if (d) off++;
    }
    // Measured: every case matches exactly; one step is the tolerance the form allows in general
    expect(off).toBe(0);
  });
});
