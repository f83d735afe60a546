import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { makeGraph, makeNode } from './build';
import type { Graph } from './graph';
import { findCycles, topologicalOrder } from './topo';

const names = (g: Graph) => topologicalOrder(g).map((n) => n.name);

describe('topologicalOrder', () => {
  it('keeps a graph that is already in order exactly as it is, including independent branches', () => {
    const g = makeGraph({
      nodes: [
        makeNode('Relu', ['x'], ['a'], { name: 'a' }),
        makeNode('Relu', ['x'], ['b'], { name: 'b' }),
        makeNode('Add', ['a', 'b'], ['c'], { name: 'c' }),
        makeNode('Relu', ['x'], ['d'], { name: 'd' }),
      ],
    });
    expect(names(g)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('moves only the nodes whose producers come later, and keeps the rest in file order', () => {
    const g = makeGraph({
      nodes: [
        makeNode('Add', ['a', 'b'], ['c'], { name: 'c' }),
        makeNode('Relu', ['x'], ['d'], { name: 'd' }),
        makeNode('Relu', ['x'], ['a'], { name: 'a' }),
        makeNode('Relu', ['x'], ['b'], { name: 'b' }),
        makeNode('Relu', ['c'], ['e'], { name: 'e' }),
      ],
    });
    expect(names(g)).toEqual(['d', 'a', 'b', 'c', 'e']);
  });

  it('ignores omitted optional inputs and values that no node produces', () => {
    const g = makeGraph({
      nodes: [
        makeNode('Clip', ['y', '', 'max'], ['z'], { name: 'clip' }),
        makeNode('Relu', ['x'], ['y'], { name: 'relu' }),
      ],
    });
    expect(names(g)).toEqual(['relu', 'clip']);
  });

  it('orders a node holding a subgraph after the producers of the values the subgraph captures', () => {
    const body = makeGraph({
      nodes: [makeNode('Identity', ['outer'], ['r'])],
      outputs: [{ name: 'r', type: null }],
    });
    const g = makeGraph({
      nodes: [
        makeNode('If', ['cond'], ['y'], {
          name: 'if',
          attributes: {
            then_branch: { type: 'graph', value: body },
            else_branch: { type: 'graph', value: body },
          },
        }),
        makeNode('Relu', ['x'], ['outer'], { name: 'producer' }),
      ],
    });
    expect(names(g)).toEqual(['producer', 'if']);
  });

  it('throws a ModelError naming the nodes of a cycle in data-flow order', () => {
    const g = makeGraph({
      nodes: [
        makeNode('Relu', ['x'], ['a'], { name: 'start' }),
        makeNode('Add', ['a', 'c'], ['b'], { name: 'p' }),
        makeNode('Relu', ['b'], ['c'], { name: 'q' }),
        makeNode('Relu', ['c'], ['d'], { name: 'after' }),
      ],
    });
    expect(() => topologicalOrder(g)).toThrow(ModelError);
    expect(() => topologicalOrder(g)).toThrow('the graph has a cycle: p → q → p (node p)');
  });
});

describe('findCycles', () => {
  it('finds every separate cycle and self-loop, and nothing in an acyclic graph', () => {
    const g = makeGraph({
      nodes: [
        makeNode('Relu', ['s'], ['s'], { name: 'self' }),
        makeNode('Relu', ['b'], ['a'], { name: 'A' }),
        makeNode('Relu', ['a'], ['b'], { name: 'B' }),
        makeNode('Relu', ['a'], ['c'], { name: 'downstream' }),
        makeNode('Relu', ['x'], ['y'], { name: 'fine' }),
      ],
    });
    const cycles = findCycles(g).map((c) => c.map((i) => g.nodes[i].name));
    expect(cycles).toHaveLength(2);
    expect(cycles).toContainEqual(['self']);
    expect(cycles.find((c) => c.length === 2)?.sort()).toEqual(['A', 'B']);
    expect(findCycles(makeGraph({ nodes: [makeNode('Relu', ['x'], ['y'])] }))).toEqual([]);
  });
});
