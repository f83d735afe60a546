// The hostile files of issue 3, one by one, through what the app does with a file: decode, then analyzeModel
// (validate, shape inference, cost). Each ends in a ModelError that says what and where, or in a model.
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { run } from '../interpreter/run';
import { makeGraph, makeModel, makeNode, typedValue } from '../ir/build';
import type { Attribute } from '../ir/graph';
import { analyzeModel } from '../ir/summary';
import { tensor, zeros } from '../ir/tensor';
import { decodeModel } from './decode';
import { encodeModel } from './encode';
import { onnx } from './proto';

const load = (bytes: Uint8Array) => analyzeModel(decodeModel(bytes));

function modelError(fn: () => unknown): ModelError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return e as ModelError;
  }
  throw new Error('expected a ModelError');
}

/** x → Relu → a → Relu → y, as a file. */
const chain = () =>
  makeModel(
    makeGraph({
      nodes: [
        makeNode('Relu', ['x'], ['a'], { name: 'first' }),
        makeNode('Relu', ['a'], ['y'], { name: 'second' }),
      ],
      inputs: [typedValue('x', 'float32', [1, 4])],
      outputs: [typedValue('y', 'float32', [1, 4])],
    }),
  );

describe('hostile files', () => {
  it('a bad wire type: a parse error at its byte', () => {
    // field 15 with wire type 7 (there is no wire type 7)
    const e = modelError(() => load(new Uint8Array([0x7f, 0x01])));
    expect(e.code).toBe('parse');
    expect(e.message).toMatch(/not a valid ONNX model: invalid wire type 7 at offset \d+ \(byte \d+\)/);
  });

  it('a length prefix past the end of the file: a parse error at its byte', () => {
    const e = modelError(() => load(new Uint8Array([0x3a, 0xff, 0xff, 0xff, 0xff, 0x0f])));
    expect(e.message).toMatch(/index out of range.*\(byte 6\)/);
  });

  it('an input declared with 10^12 elements is described, not allocated', () => {
    const model = chain();
    model.graph.inputs[0] = typedValue('x', 'float32', [1_000_000, 1_000_000]);
    model.graph.outputs[0] = typedValue('y', 'float32', null);
    const { summary } = analyzeModel(decodeModel(encodeModel(model)));
    expect(summary.inputs).toEqual([{ name: 'x', dtype: 'float32', shape: [1_000_000, 1_000_000] }]);
  });

  it('a cycle: the nodes on it', () => {
    const model = chain();
    model.graph.nodes[0].inputs = ['y'];
    const e = modelError(() => load(encodeModel(model)));
    expect(e.code).toBe('invalid');
    expect(e.message).toContain('cycle: first → second → first');
  });

  it('a node reading an undefined value: the node and the value', () => {
    const model = chain();
    model.graph.nodes[1].inputs = ['ghost'];
    expect(modelError(() => load(encodeModel(model))).message).toContain('second (Relu) reads "ghost"');
  });

  it('an unknown op: a model, with a warning; running it is what fails', () => {
    const model = chain();
    model.graph.nodes[0].opType = 'NoSuchOp';
    const decoded = decodeModel(encodeModel(model));
    expect(analyzeModel(decoded).summary.warnings).toContain(
      'NoSuchOp is not implemented here: shapes after it are unknown',
    );
    const e = modelError(() => run(decoded, { x: zeros('float32', [1, 4]) }));
    expect([e.code, e.message]).toEqual([
      'unsupported',
      'operator NoSuchOp is not supported by the interpreter (node first)',
    ]);
  });

  it('attributes of the wrong type: the node and the attribute', () => {
    const conv = (attributes: Record<string, Attribute>) =>
      makeModel(
        makeGraph({
          nodes: [makeNode('Conv', ['x', 'W'], ['y'], { name: 'conv1', attributes })],
          inputs: [typedValue('x', 'float32', [1, 3, 8, 8])],
          outputs: [typedValue('y', 'float32', null)],
          initializers: { W: zeros('float32', [4, 3, 3, 3]) },
        }),
      );
    const kernel = modelError(() => load(encodeModel(conv({ kernel_shape: { type: 'float', value: 3 } }))));
    expect(kernel.message).toBe(
      'Conv: attribute kernel_shape must be of type ints, got float (node conv1, attribute kernel_shape)',
    );
    const group = modelError(() => load(encodeModel(conv({ group: { type: 'string', value: 'two' } }))));
    expect(group.message).toMatch(/attribute group must be of type int, got string/);
  });

  it('names that are properties of every JS object are plain names', () => {
    const model = chain();
    model.graph.nodes[0].opType = 'constructor';
    model.graph.nodes[1].domain = '__proto__';
    const proto = onnx.ModelProto.decode(encodeModel(model));
    proto.graph!.node![1].attribute = [
      { name: '__proto__', type: 2, i: 1 },
      { name: 'toString', type: 2, i: 2 },
    ];
    const decoded = decodeModel(onnx.ModelProto.encode(proto).finish());
    expect(Object.keys(decoded.graph.nodes[1].attributes)).toEqual(['__proto__', 'toString']);
    const e = modelError(() => analyzeModel(decoded));
    expect(e.message).toContain('second is in domain "__proto__", but the model imports no opset for it');
  });

  it('an initializer that does not match its declared input type', () => {
    const model = chain();
    model.graph.initializers.set('x', tensor('int64', [2], [1, 2]));
    expect(modelError(() => load(encodeModel(model))).message).toContain(
      'graph input "x" is declared float32[1, 4], but its initializer is int64[2]',
    );
  });
});
