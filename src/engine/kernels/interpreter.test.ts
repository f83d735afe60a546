// Cross-check: the kernels' direct convolution (the oracle of every algorithm here) against the reference
// interpreter's Conv operator (src/engine/ops/Conv.ts, itself checked on the ONNX conformance data). Until the
// operator is registered, this suite is skipped.
import { describe, expect, it } from 'vitest';
import { closeness, convCases, randomConvCases } from '../../../scripts/testing/conv-cases';
import type { Node } from '../ir/graph';
import { lookupOp } from '../ops/registry';
import { convShape } from './conv-shape';
import { convDirect } from './direct';

const conv = lookupOp('', 'Conv');

describe.runIf(conv !== undefined)("direct convolution agrees with the interpreter's Conv", () => {
  it.each([...convCases(), ...randomConvCases(20, 7)])('$name', ({ x, w, bias, params }) => {
    const s = convShape(x.dims, w.dims, params);
    const node: Node = {
      name: 'conv',
      opType: 'Conv',
      domain: '',
      inputs: bias ? ['x', 'w', 'b'] : ['x', 'w'],
      outputs: ['y'],
      attributes: {
        kernel_shape: { type: 'ints', value: [s.kh, s.kw] },
        strides: { type: 'ints', value: [s.strideH, s.strideW] },
        pads: { type: 'ints', value: [s.padTop, s.padLeft, s.padBottom, s.padRight] },
        dilations: { type: 'ints', value: [s.dilationH, s.dilationW] },
        group: { type: 'int', value: s.group },
      },
    };
    const [y] = conv!.run({ node, opset: 17 }, bias ? [x, w, bias] : [x, w]);
    const want = convDirect(x, w, bias, params).output;
    expect(y.dims).toEqual(want.dims);
    expect(closeness(y.data as Float32Array, want.data, 1e-5)).toBeLessThanOrEqual(0);
  });
});
