import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../errors';
import type { Model } from '../../ir/graph';
import { decodeModel } from '../decode';
import { parseModelText } from './parse';
import { printModelText } from './print';

const suite = path.resolve(__dirname, '../../../../test-data/onnx-node');
const cases = fs.readdirSync(suite).filter((d) => d.startsWith('test_'));

/** What the text syntax carries: everything but node names, doc strings and metadata. */
function structure(m: Model) {
  const g = m.graph;
  return {
    irVersion: m.irVersion,
    opsets: m.opsets,
    inputs: g.inputs,
    outputs: g.outputs,
    initializers: g.initializers,
    valueInfo: g.valueInfo,
    nodes: g.nodes.map(({ opType, domain, inputs, outputs, attributes }) => ({ opType, domain, inputs, outputs, attributes })),
  };
}

describe('ONNX text syntax', () => {
  it('parses a hand-written graph', () => {
    const m = parseModelText(`
      <ir_version: 8, opset_import: ["" : 17]>
      agraph (float[N, 4] X) => (float[N, 2] Y)
      <float[2, 4] W = {1, 0, 0, 1, 1, 1, 0, 0}, float[2] B = {0.5, -0.5}>
      {
        T = Gemm <transB = 1, alpha = 1.0> (X, W, B)   # a comment
        Y = Relu (T)
      }`);
    expect(m.graph.nodes.map((n) => n.opType)).toEqual(['Gemm', 'Relu']);
    expect(m.graph.nodes[0].attributes).toEqual({ transB: { type: 'int', value: 1 }, alpha: { type: 'float', value: 1 } });
    expect(m.graph.inputs[0].type).toEqual({ dtype: 'float32', shape: ['N', 4] });
    expect(Array.from(m.graph.initializers.get('B')!.data as Float32Array)).toEqual([0.5, -0.5]);
  });

  it('reads domains, empty optional inputs, quoted and numeric names', () => {
    const m = parseModelText(`g (float[1] "x y", float[1] 12) => (float[1] z) {
      z = com.microsoft.FusedConv <activation = "Relu"> ("x y", , 12)
    }`);
    expect(m.graph.nodes[0]).toMatchObject({ domain: 'com.microsoft', opType: 'FusedConv', inputs: ['x y', '', '12'] });
  });

  it.each(cases)('%s: print → parse keeps the graph', (name) => {
    const model = decodeModel(new Uint8Array(fs.readFileSync(path.join(suite, name, 'model.onnx'))));
    const text = printModelText(model);
    expect(structure(parseModelText(text, model.graph.initializers))).toEqual(structure(model));
  });

  it('elides large tensors as {...} and resolves them against the base model', () => {
    const big = parseModelText(`g (float[1,64] x) => (float[1,64] y) <float[64] b = {${Array(64).fill('0.25').join(',')}}> { y = Add (x, b) }`);
    const text = printModelText(big);
    expect(text).toContain('b = {...}');
    expect(parseModelText(text, big.graph.initializers).graph.initializers.get('b')).toBe(big.graph.initializers.get('b'));
    expect(() => parseModelText(text)).toThrow(/refers to a tensor of the loaded model/);
  });

  it.each([
    ['g (float[1] x) => (float[1] y) { y = Relu (x) ', /missing "}".*\(line 1, column 47\)/],
    ['g (float[1] x) => (float[1] y)\n{\n  y = Relu <alpha = > (x)\n}', /expected an attribute value but found ">" \(line 3, column 21\)/],
    ['g (float[1] x) => (float[1] y) { y = Relu (x) } extra', /unexpected "extra" after the graph/],
    ['g (floot[1] x) => (float[1] y) { }', /expected a tensor type/],
    ['g (float[-1] x) => (float[1] y) { }', /dimension -1 must be a non-negative integer/],
    ['g () => () <float[3] w = {1, 2}> { }', /"w" has 2 values for 3 elements/],
    ['g () => () { y = Relu <a = 1, a = 2> (x) }', /attribute "a" is given twice/],
    ['g () => () { y = Relu (x) $ }', /unexpected character "\$"/],
  ])('reports %j with a line and column', (text, message) => {
    try {
      parseModelText(text);
      throw new Error('expected a parse error');
    } catch (e) {
      expect(e).toBeInstanceOf(ModelError);
      expect((e as ModelError).code).toBe('parse');
      expect((e as ModelError).message).toMatch(message);
      expect((e as ModelError).where.line).toBeGreaterThanOrEqual(1);
    }
  });
});
