import { describe, expect, it } from 'vitest';
import { makeGraph, makeNode, typedValue } from './build';
import { indexGraph } from './graphIndex';
import { tensor } from './tensor';

describe('indexGraph', () => {
  const body = makeGraph({
    nodes: [makeNode('Neg', ['a'], ['na'])],
    outputs: [typedValue('na', 'float32', null)],
  });
  const relu = makeNode('Relu', ['x'], ['a'], { name: 'relu' });
  const add = makeNode('Add', ['a', 'a'], ['b'], { name: 'add' });
  const mul = makeNode('Mul', ['b', 'k'], ['y'], { name: 'mul' });
  const branch = makeNode('If', ['c'], ['z'], {
    name: 'if',
    attributes: { then_branch: { type: 'graph', value: body } },
  });
  const graph = makeGraph({
    nodes: [relu, add, mul, branch],
    inputs: [typedValue('x', 'float32', [2]), typedValue('c', 'bool', [])],
    outputs: [typedValue('y', 'float32', [2])],
    initializers: { k: tensor('float32', [2], [1, 2]) },
  });
  const index = indexGraph(graph);

  it('finds the producer of each value', () => {
    expect(index.producer('a')).toBe(relu);
    expect(index.producer('y')).toBe(mul);
    expect(index.producer('x')).toBeUndefined();
  });

  it('lists every read, with the input slot, and reads by subgraphs with slot -1', () => {
    expect(index.consumers('a')).toEqual([
      { node: add, input: 0 },
      { node: add, input: 1 },
      { node: branch, input: -1 },
    ]);
    expect(index.consumers('y')).toEqual([]);
  });

  it('knows the graph interface and the initializers', () => {
    expect([
      index.isGraphInput('x'),
      index.isGraphInput('a'),
      index.isGraphOutput('y'),
      index.isInitializer('k'),
    ]).toEqual([true, false, true, true]);
  });
});
