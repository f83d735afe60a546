import { describe, expect, it } from 'vitest';
import { makeGraph, makeModel, makeNode, typedValue } from './build';
import {
  addInitializer,
  cloneModel,
  eliminateDeadCode,
  nameGenerator,
  removeInitializer,
  removeNode,
  renameValue,
  replaceNode,
} from './edit';
import type { Graph } from './graph';
import { tensor } from './tensor';
import { validate } from './validate';

/** x → Identity → a → Relu → b → Identity → y (graph output); b is also read inside an If branch. */
function chain(): Graph {
  const branch = makeGraph({
    nodes: [makeNode('Neg', ['b'], ['nb'], { name: 'neg' })],
    outputs: [typedValue('nb', 'float32', null)],
  });
  return makeGraph({
    nodes: [
      makeNode('Identity', ['x'], ['a'], { name: 'id_in' }),
      makeNode('Relu', ['a'], ['b'], { name: 'relu' }),
      makeNode('Identity', ['b'], ['y'], { name: 'id_out' }),
      makeNode('If', ['c'], ['z'], {
        name: 'if',
        attributes: { then_branch: { type: 'graph', value: branch } },
      }),
    ],
    inputs: [typedValue('x', 'float32', [2]), typedValue('c', 'bool', [])],
    outputs: [typedValue('y', 'float32', [2]), typedValue('z', 'float32', null)],
    valueInfo: [typedValue('a', 'float32', [2]), typedValue('b', 'float32', [2])],
  });
}

const ops = (g: Graph) => g.nodes.map((n) => n.name);

describe('graph edits', () => {
  it('removeNode reconnects the readers of the output to the given value', () => {
    const g = chain();
    expect(removeNode(g, g.nodes[0], 'x')).toBe(true);
    expect(ops(g)).toEqual(['relu', 'id_out', 'if']);
    expect(g.nodes[0].inputs).toEqual(['x']);
    expect(g.valueInfo.has('a')).toBe(false);
    expect(validate(g)).toEqual([]);
  });

  it('removeNode of a node writing a graph output keeps the output name by renaming the producer', () => {
    const g = chain();
    expect(removeNode(g, g.nodes[2], 'b')).toBe(true);
    expect(ops(g)).toEqual(['id_in', 'relu', 'if']);
    expect(g.nodes[1].outputs).toEqual(['y']);
    // the If branch captured "b" and now reads "y"
    const branch = g.nodes[2].attributes.then_branch.value as Graph;
    expect(branch.nodes[0].inputs).toEqual(['y']);
    expect(g.valueInfo.get('y')).toEqual(typedValue('y', 'float32', [2]));
    expect(validate(g)).toEqual([]);
  });

  it('removeNode refuses, changing nothing, when the graph would lose a value', () => {
    const g = chain();
    const before = structuredClone(g);
    expect(removeNode(g, g.nodes[1])).toBe(false); // "b" is read
    const toInput = makeGraph({
      nodes: [makeNode('Identity', ['x'], ['y'])],
      inputs: [typedValue('x', 'float32', [1])],
      outputs: [typedValue('y', 'float32', [1])],
    });
    expect(removeNode(toInput, toInput.nodes[0], 'x')).toBe(false); // y would have to be the input itself
    expect(g).toEqual(before);
    const unused = chain();
    unused.nodes.push(makeNode('Relu', ['x'], ['dead'], { name: 'dead' }));
    expect(removeNode(unused, unused.nodes[4])).toBe(true);
    expect(ops(unused)).toEqual(ops(chain()));
  });

  it('replaceNode puts the new nodes at the same place', () => {
    const g = chain();
    replaceNode(g, g.nodes[1], [
      makeNode('Neg', ['a'], ['t'], { name: 'n1' }),
      makeNode('Neg', ['t'], ['b'], { name: 'n2' }),
    ]);
    expect(ops(g)).toEqual(['id_in', 'n1', 'n2', 'id_out', 'if']);
    expect(validate(g)).toEqual([]);
  });

  it('renameValue renames the definition, every read, subgraph captures, inputs, initializers and value info', () => {
    const g = chain();
    renameValue(g, 'b', 'relu_out');
    expect(g.nodes[1].outputs).toEqual(['relu_out']);
    expect(g.nodes[2].inputs).toEqual(['relu_out']);
    expect((g.nodes[3].attributes.then_branch.value as Graph).nodes[0].inputs).toEqual(['relu_out']);
    expect(g.valueInfo.get('relu_out')?.name).toBe('relu_out');
    renameValue(g, 'x', 'image');
    expect(g.inputs[0].name).toBe('image');
    const w = makeGraph({
      nodes: [makeNode('Mul', ['x', 'k2'], ['y'])],
      initializers: {
        k1: tensor('float32', [], [1]),
        k2: tensor('float32', [], [2]),
        k3: tensor('float32', [], [3]),
      },
    });
    renameValue(w, 'k2', 'two');
    expect([...w.initializers.keys()]).toEqual(['k1', 'two', 'k3']);
    expect(w.nodes[0].inputs).toEqual(['x', 'two']);
    expect(validate(g)).toEqual([]);
  });

  it('eliminateDeadCode removes unneeded nodes and initializers, keeping the graph inputs', () => {
    const g = chain();
    g.nodes.unshift(makeNode('Add', ['x', 'k'], ['unused1'], { name: 'dead1' }));
    g.nodes.push(makeNode('Relu', ['unused1'], ['unused2'], { name: 'dead2' }));
    g.initializers.set('k', tensor('float32', [1], [1]));
    g.initializers.set('old_style', tensor('float32', [1], [1]));
    g.inputs.push(typedValue('old_style', 'float32', [1]));
    const removed = eliminateDeadCode(g);
    expect(removed.nodes.map((n) => n.name)).toEqual(['dead1', 'dead2']);
    expect(removed.initializers).toEqual(['k', 'old_style']);
    expect(ops(g)).toEqual(ops(chain()));
    expect(g.inputs.map((v) => v.name)).toEqual(['x', 'c']);
    // what a subgraph captures is needed: relu feeds the If branch even without id_out
    const h = chain();
    h.outputs.shift();
    expect(eliminateDeadCode(h).nodes.map((n) => n.name)).toEqual(['id_out']);
  });

  it('initializers are added under new names only, and removed with their input entry', () => {
    const g = chain();
    expect(() => addInitializer(g, 'b', tensor('float32', [1], [0]))).toThrow(/already defined/);
    addInitializer(g, 'k', tensor('float32', [1], [0]));
    g.inputs.push(typedValue('k', 'float32', [1]));
    removeInitializer(g, 'k');
    expect(g.initializers.has('k')).toBe(false);
    expect(g.inputs.map((v) => v.name)).toEqual(['x', 'c']);
  });

  it('nameGenerator avoids every value and node name, subgraphs included, and its own earlier names', () => {
    const fresh = nameGenerator(chain());
    expect(fresh('relu')).toBe('relu_1');
    expect(fresh('relu')).toBe('relu_2');
    expect(fresh('nb')).toBe('nb_1'); // defined in the If branch
    expect(fresh('new')).toBe('new');
  });

  it('cloneModel shares nothing with the original', () => {
    const model = makeModel(chain());
    model.graph.initializers.set('w', tensor('float32', [2], [1, 2]));
    const copy = cloneModel(model);
    expect(copy).toEqual(model);
    (copy.graph.initializers.get('w')!.data as Float32Array)[0] = 9;
    copy.graph.nodes[0].inputs[0] = 'changed';
    expect(model.graph.initializers.get('w')!.data[0]).toBe(1);
    expect(model.graph.nodes[0].inputs[0]).toBe('x');
  });
});
