import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import type { OpDef } from '../ops/types';
import { makeGraph, makeModel, makeNode, typedValue } from './build';
import { analyzeModel } from './summary';
import { zeros } from './tensor';

/** A fake operator that accepts float32 and rejects anything else, as `code`. */
const picky = (code: 'invalid' | 'unsupported'): OpDef => ({
  opType: 'Relu',
  domain: '',
  infer: (_c, [x]) => {
    if (x!.dtype !== 'float32') throw new ModelError(code, `Relu of ${x!.dtype}`);
    return [x!];
  },
  run: () => [],
});

function model(dtype: 'float32' | 'int8') {
  return makeModel(
    makeGraph({
      nodes: [
        makeNode('Relu', ['x'], ['a'], { name: 'r' }),
        makeNode('Mystery', ['a'], ['b'], { name: 'm1' }),
        makeNode('Mystery', ['b', 'W'], ['y'], { name: 'm2', domain: 'com.example' }),
      ],
      inputs: [typedValue('x', dtype, ['batch', 4]), typedValue('W', 'float32', [4])],
      outputs: [typedValue('y', 'float32', ['batch', 4])],
      initializers: { W: zeros('float32', [4]) },
    }),
    { '': 17, 'com.example': 1 },
  );
}

describe('analyzeModel', () => {
  it('summarizes operators, interface and weights, and collects warnings', () => {
    const { summary } = analyzeModel(model('float32'), {
      lookup: () => picky('invalid'),
      symbols: { batch: 2 },
    });
    expect(summary).toMatchObject({
      nodes: 3,
      opCounts: { Mystery: 1, 'com.example::Mystery': 1, Relu: 1 },
      inputs: [{ name: 'x', dtype: 'float32', shape: ['batch', 4] }], // W is an initializer: not an input to feed
      outputs: [{ name: 'y', dtype: 'float32', shape: ['batch', 4] }],
      initializers: 1,
      params: 4,
      weightBytes: 16,
      symbols: { batch: 2 },
    });
  });

  it('throws for an operator that finds the model invalid, and only warns for what is unsupported', () => {
    expect(() => analyzeModel(model('int8'), { lookup: () => picky('invalid') })).toThrow(
      'r (Relu): Relu of int8',
    );
    const { summary } = analyzeModel(model('int8'), {
      lookup: (_d, op) => (op === 'Relu' ? picky('unsupported') : undefined),
    });
    expect(summary.warnings).toEqual([
      'r: Relu of int8',
      'Mystery is not implemented here: shapes after it are unknown',
      'com.example::Mystery is not implemented here: shapes after it are unknown',
      'no FLOP count for Mystery, com.example::Mystery (counted as 0)',
      '3 node(s) with unknown shapes: their cost is not (fully) counted',
    ]);
  });

  it('throws the structural errors of validate', () => {
    const broken = model('float32');
    broken.graph.nodes[1].inputs = ['nowhere'];
    expect(() => analyzeModel(broken)).toThrow(/not valid \(1 problem\)/);
  });
});
