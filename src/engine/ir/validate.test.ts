import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { decodeModel } from '../onnx/decode';
import { makeGraph, makeModel, makeNode, typedValue } from './build';
import { tensor } from './tensor';
import { assertValid, validate, type Issue } from './validate';

const codes = (issues: Issue[]) => issues.map((i) => i.code);
const suite = path.resolve(__dirname, '../../../test-data/onnx-node');

/** x → conv(W) → relu → y: a small valid graph to break in each test. */
function convRelu() {
  return makeGraph({
    nodes: [
      makeNode('Conv', ['x', 'W'], ['c'], { name: 'conv' }),
      makeNode('Relu', ['c'], ['y'], { name: 'relu' }),
    ],
    inputs: [typedValue('x', 'float32', ['N', 1, 4, 4])],
    outputs: [typedValue('y', 'float32', null)],
    initializers: { W: tensor('float32', [1, 1, 3, 3], new Array(9).fill(1)) },
  });
}

describe('validate', () => {
  it('finds nothing wrong in a valid graph and in every conformance model', () => {
    expect(validate(makeModel(convRelu()))).toEqual([]);
    for (const name of fs.readdirSync(suite).filter((d) => d.startsWith('test_'))) {
      const model = decodeModel(new Uint8Array(fs.readFileSync(path.join(suite, name, 'model.onnx'))));
      expect(validate(model), name).toEqual([]);
    }
  });

  it('reports a value nobody defines (a missing initializer) with the node that reads it', () => {
    const g = convRelu();
    g.initializers.delete('W');
    const issues = validate(g);
    expect(issues).toEqual([
      {
        code: 'undefined-value',
        severity: 'error',
        node: 'conv',
        value: 'W',
        message: 'conv (Conv) reads "W", which is no graph input, no initializer and no node\'s output',
      },
    ]);
  });

  it('reports values defined twice, by two nodes or by a node and an input', () => {
    const g = convRelu();
    g.nodes.push(
      makeNode('Relu', ['x'], ['c'], { name: 'again' }),
      makeNode('Relu', ['W'], ['x'], { name: 'overwrites_input' }),
    );
    const issues = validate(g);
    expect(codes(issues)).toEqual(['duplicate-definition', 'duplicate-definition']);
    expect(issues[0].message).toBe('again writes "c", already defined by node conv');
    expect(issues[1].message).toBe('overwrites_input writes "x", already defined by a graph input');
  });

  it('warns about duplicate node names without failing assertValid', () => {
    const g = convRelu();
    g.nodes[1].name = 'conv';
    expect(validate(g)).toMatchObject([
      { code: 'duplicate-node-name', severity: 'warning', message: 'nodes #0 and #1 are both named "conv"' },
    ]);
    expect(() => assertValid(g)).not.toThrow();
  });

  it('reports cycles with the nodes on them, and outputs nothing produces', () => {
    const g = convRelu();
    g.nodes[0].inputs[0] = 'y'; // conv reads relu's output: conv → relu → conv
    g.outputs.push(typedValue('ghost', 'float32', [1]));
    const issues = validate(g);
    expect(codes(issues)).toEqual(['unproduced-output', 'cycle']);
    expect(issues.find((i) => i.code === 'cycle')?.message).toBe('cycle: conv → relu → conv');
    expect(issues.find((i) => i.code === 'unproduced-output')?.value).toBe('ghost');
  });

  it('reports element types that cannot go together where they are declared or stored', () => {
    const g = makeGraph({
      nodes: [
        makeNode('Add', ['a', 'b'], ['c'], { name: 'add' }),
        makeNode('MatMul', ['c', 'k'], ['d'], { name: 'mm' }),
      ],
      inputs: [
        typedValue('a', 'float32', [2]),
        typedValue('b', 'int64', [2]),
        typedValue('k', 'float32', [2, 2]),
      ],
      outputs: [typedValue('d', 'float32', null)],
      valueInfo: [typedValue('c', 'float16', [2])],
      initializers: { k: tensor('float32', [2, 3], [1, 2, 3, 4, 5, 6]) },
    });
    const issues = validate(g);
    expect(issues.map((i) => i.message)).toEqual([
      'add (Add) needs inputs of one element type, but "a" is float32 (declared type), "b" is int64 (declared type)',
      'mm (MatMul) needs inputs of one element type, but "c" is float16 (declared type), "k" is float32 (initializer)',
      'graph input "k" is declared float32[2, 2], but its initializer is float32[2, 3]',
    ]);
  });

  it('reports nodes of a domain without an opset import', () => {
    const g = convRelu();
    g.nodes[1].domain = 'com.example';
    expect(validate(makeModel(g))).toMatchObject([{ code: 'missing-opset', node: 'relu' }]);
    expect(validate(g)).toEqual([]); // a bare graph has no opsets to check against
  });

  it('checks subgraphs, where values of the enclosing graph are in scope', () => {
    const body = makeGraph({
      nodes: [
        makeNode('Add', ['c', 'x'], ['s'], { name: 'uses_outer' }),
        makeNode('Relu', ['nowhere'], ['t'], { name: 'broken' }),
      ],
      outputs: [typedValue('s', 'float32', null)],
    });
    const g = convRelu();
    g.nodes.push(
      makeNode('If', ['cond'], ['z'], {
        name: 'if',
        attributes: { then_branch: { type: 'graph', value: body } },
      }),
    );
    g.inputs.push(typedValue('cond', 'bool', []));
    expect(validate(g)).toMatchObject([
      { code: 'undefined-value', node: 'if.then_branch/broken', value: 'nowhere' },
    ]);
  });

  it('reports every problem at once, and assertValid throws one ModelError summarizing them', () => {
    const g = convRelu();
    g.initializers.delete('W');
    g.nodes[1].inputs[0] = 'missing';
    g.outputs.push(typedValue('ghost', 'float32', [1]));
    expect(codes(validate(g))).toEqual(['undefined-value', 'undefined-value', 'unproduced-output']);
    expect(() => assertValid(g)).toThrow(ModelError);
    expect(() => assertValid(g)).toThrow(/not valid \(3 problems\):\n {2}- conv \(Conv\) reads "W"/);
  });
});
