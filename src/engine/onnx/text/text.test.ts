import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../errors';
import type { Model } from '../../ir/graph';
import type { Tensor } from '../../ir/tensor';
import { decodeModel } from '../decode';
import { parseModelText } from './parse';
import { printModelText } from './print';
import { seededRandom } from '../../stats/rng';
import { tensor } from '../../ir/tensor';

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
    nodes: g.nodes.map(({ opType, domain, inputs, outputs, attributes }) => ({
      opType,
      domain,
      inputs,
      outputs,
      attributes,
    })),
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
    expect(m.graph.nodes[0].attributes).toEqual({
      transB: { type: 'int', value: 1 },
      alpha: { type: 'float', value: 1 },
    });
    expect(m.graph.inputs[0].type).toEqual({ dtype: 'float32', shape: ['N', 4] });
    expect(Array.from(m.graph.initializers.get('B')!.data as Float32Array)).toEqual([0.5, -0.5]);
  });

  it('reads domains, empty optional inputs, quoted and numeric names', () => {
    const m = parseModelText(`g (float[1] "x y", float[1] 12) => (float[1] z) {
      z = com.microsoft.FusedConv <activation = "Relu"> ("x y", , 12)
    }`);
    expect(m.graph.nodes[0]).toMatchObject({
      domain: 'com.microsoft',
      opType: 'FusedConv',
      inputs: ['x y', '', '12'],
    });
  });

  it.each(cases)('%s: print → parse keeps the graph', (name) => {
    const model = decodeModel(new Uint8Array(fs.readFileSync(path.join(suite, name, 'model.onnx'))));
    const text = printModelText(model);
    expect(structure(parseModelText(text, model.graph.initializers))).toEqual(structure(model));
  });

  it('prints float32 values with the shortest decimal that reads back bit for bit', () => {
    const rand = seededRandom(7);
    // spread over many magnitudes, plus the awkward ones: -0, subnormals, the extremes, 1/3, 0.1
    const special = [0.1, -0, 1 / 3, 1e-45, 1.17549435e-38, 3.4028235e38, -2.5, 16777217, 1e-7, 123456.789];
    const random = Array.from({ length: 500 }, () => (rand() - 0.5) * 10 ** Math.floor(rand() * 20 - 10));
    const values = Float32Array.from([...special, ...random]);
    const base = parseModelText(`g (float[1] x) => (float[1] y) { y = LeakyRelu <alpha = 0.1> (x) }`);
    base.graph.initializers.set('w', tensor('float32', [values.length], values));
    base.graph.initializers.set('d', tensor('float64', [3], [0.1, 1 / 3, -0]));
    base.graph.nodes[0].attributes.gammas = { type: 'floats', value: Array.from(values.subarray(0, 20)) };

    const text = printModelText(base, { inlineLimit: 1000 });
    expect(text).toContain('alpha = 0.1,');
    expect(text).toContain('float[510] w = {0.1, -0.0, 0.33333334, 1e-45,');
    expect(text).toContain('double[3] d = {0.1, 0.3333333333333333, -0.0}');
    expect(text).not.toMatch(/0\.1000000/);

    const back = parseModelText(text);
    const bits = (t: Tensor) => {
      const data = t.data as Float32Array | Float64Array;
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    };
    expect(bits(back.graph.initializers.get('w')!)).toEqual(bits(base.graph.initializers.get('w')!));
    expect(bits(back.graph.initializers.get('d')!)).toEqual(bits(base.graph.initializers.get('d')!));
    const attrs = back.graph.nodes[0].attributes;
    expect(attrs.alpha).toEqual({ type: 'float', value: Math.fround(0.1) });
    const gammas = attrs.gammas as { value: number[] };
    expect(new Uint32Array(Float32Array.from(gammas.value).buffer)).toEqual(
      new Uint32Array(values.slice(0, 20).buffer),
    );
    expect(Object.is(gammas.value[1], -0)).toBe(true);
  });

  it('reads -inf, inf and nan attributes', () => {
    const m = parseModelText(
      'g (float[1] x) => (float[1] y) { y = Clip <min = -inf, max = inf, v = nan> (x) }',
    );
    const a = m.graph.nodes[0].attributes as Record<string, { value: number }>;
    expect([a.min.value, a.max.value, a.v.value]).toEqual([-Infinity, Infinity, NaN]);
  });

  it('elides large tensors as {...} and resolves them against the base model', () => {
    const big = parseModelText(
      `g (float[1,64] x) => (float[1,64] y) <float[64] b = {${Array(64).fill('0.25').join(',')}}> { y = Add (x, b) }`,
    );
    const text = printModelText(big);
    expect(text).toContain('b = {...}');
    expect(parseModelText(text, big.graph.initializers).graph.initializers.get('b')).toBe(
      big.graph.initializers.get('b'),
    );
    expect(() => parseModelText(text)).toThrow(/refers to a tensor of the loaded model/);
  });

  it.each([
    ['g (float[1] x) => (float[1] y) { y = Relu (x) ', /missing "}".*\(line 1, column 47\)/],
    [
      'g (float[1] x) => (float[1] y)\n{\n  y = Relu <alpha = > (x)\n}',
      /expected an attribute value but found ">" \(line 3, column 21\)/,
    ],
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
