// Memory planning on hand-made graphs whose figures are worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { makeGraph, makeModel, makeNode, typedValue } from '../ir/build';
import { zeros } from '../ir/tensor';
import { ModelError } from '../errors';
import { greedyBySize } from './greedy';
import { planMemory } from './plan';

/**
 * x[batch,64] ─MatMul W0[64,128]→ a ─Relu→ b ─MatMul W1[128,32]→ c ─MatMul W2[32,64]→ d ─Add(d, x)→ y
 * float32, so at batch 1: x 256 B, a 512, b 512, c 128, d 256, y 256 (all multiples of 64: no padding).
 * W2 comes from a Constant node: it is folded, so it is neither a step nor a planned tensor.
 */
function mlp() {
  const graph = makeGraph({
    nodes: [
      makeNode('MatMul', ['x', 'W0'], ['a'], { name: 'mm0' }),
      makeNode('Relu', ['a'], ['b'], { name: 'relu' }),
      makeNode('MatMul', ['b', 'W1'], ['c'], { name: 'mm1' }),
      makeNode('Constant', [], ['W2'], {
        name: 'w2',
        attributes: { value: { type: 'tensor', value: zeros('float32', [32, 64]) } },
      }),
      makeNode('MatMul', ['c', 'W2'], ['d'], { name: 'mm2' }),
      makeNode('Add', ['d', 'x'], ['y'], { name: 'add' }),
    ],
    inputs: [typedValue('x', 'float32', ['batch', 64])],
    outputs: [typedValue('y', 'float32', ['batch', 64])],
    initializers: { W0: zeros('float32', [64, 128]), W1: zeros('float32', [128, 32]) },
  });
  return makeModel(graph);
}

describe('planMemory on a hand-made MLP', () => {
  it('lifetimes follow execution order; inputs start at -1, outputs end after the last node', () => {
    const plan = planMemory(mlp());
    expect(plan.order).toEqual(['mm0', 'relu', 'mm1', 'mm2', 'add']);
    const lifetimes = Object.fromEntries(plan.tensors.map((t) => [t.name, [t.bytes, t.start, t.end]]));
    expect(lifetimes).toEqual({
      x: [256, -1, 4], // read by mm0 (0) and add (4)
      a: [512, 0, 1],
      b: [512, 1, 2],
      c: [128, 2, 3],
      d: [256, 3, 4],
      y: [256, 4, 5], // graph output: alive after the last step
    });
  });

  it('naive, planned and lower bound match the hand computation', () => {
    const plan = planMemory(mlp());
    // naive: 256 + 512 + 512 + 128 + 256 + 256
    expect(plan.naiveBytes).toBe(1920);
    // live per step -1…5: x | x+a | x+a+b | x+b+c | x+c+d | x+d+y | y
    expect(plan.liveBytes).toEqual([256, 768, 1280, 896, 640, 768, 256]);
    expect(plan.lowerBoundBytes).toBe(1280);
    // greedy by size: a→0, b→512 (a alive at step 1), x→1024 (lives throughout), d→0 (a, b dead by step 3),
    // y→256 (above d, below x), c→256 (d starts only at step 3; between d's slot and b at 512)
    const offsets = Object.fromEntries(plan.tensors.map((t) => [t.name, t.offset]));
    expect(offsets).toEqual({ a: 0, b: 512, x: 1024, d: 0, y: 256, c: 256 });
    expect(plan.plannedBytes).toBe(1280);
  });

  it('finds the element-wise nodes that can overwrite an input dying there (not a graph input)', () => {
    expect(planMemory(mlp()).inPlace).toEqual([
      { node: 'relu', input: 'a', output: 'b', bytes: 512 },
      { node: 'add', input: 'd', output: 'y', bytes: 256 },
    ]);
  });

  it('binds the batch: every activation here scales by 8, and so do the three totals', () => {
    const plan = planMemory(mlp(), { batch: 8 });
    expect(plan.symbols).toEqual({ batch: 8 });
    expect([plan.naiveBytes, plan.plannedBytes, plan.lowerBoundBytes]).toEqual([15360, 10240, 10240]);
  });

  it('counts each tensor at its aligned size: 10 floats (40 B) take 64 B, or 48 B at 16-byte alignment', () => {
    const graph = makeGraph({
      nodes: [makeNode('Relu', ['x'], ['y'])],
      inputs: [typedValue('x', 'float32', [10])],
      outputs: [typedValue('y', 'float32', [10])],
    });
    const at64 = planMemory(makeModel(graph));
    expect(at64.tensors.map((t) => [t.bytes, t.offset])).toEqual([
      [40, 0],
      [40, 64],
    ]);
    expect([at64.naiveBytes, at64.plannedBytes, at64.lowerBoundBytes]).toEqual([128, 128, 128]);
    const at16 = planMemory(makeModel(graph), { alignment: 16 });
    expect([at16.naiveBytes, at16.plannedBytes, at16.lowerBoundBytes]).toEqual([96, 96, 96]);
  });

  it('a value nothing reads lives only during the step that writes it', () => {
    const graph = makeGraph({
      nodes: [makeNode('Dropout', ['x'], ['y', 'mask'], { name: 'drop' }), makeNode('Relu', ['y'], ['z'])],
      inputs: [typedValue('x', 'float32', [16])],
      outputs: [typedValue('z', 'float32', [16])],
    });
    const mask = planMemory(makeModel(graph)).tensors.find((t) => t.name === 'mask')!;
    expect(mask).toMatchObject({ bytes: 16, start: 0, end: 0 }); // bool mask, 1 byte per element
  });

  it('lists activations of unknown size (after an op it does not know) and counts them as 0 bytes', () => {
    const graph = makeGraph({
      nodes: [
        makeNode('Mystery', ['x'], ['m'], { domain: 'example.custom' }),
        makeNode('Relu', ['m'], ['y']),
      ],
      inputs: [typedValue('x', 'float32', [16])],
      outputs: [typedValue('y', 'float32', null)],
    });
    const plan = planMemory(makeModel(graph, { '': 17, 'example.custom': 1 }));
    expect(plan.unsized).toEqual(['m', 'y']);
    expect(plan.naiveBytes).toBe(64);
  });

  it('rejects an absurd batch and an invalid model with a ModelError', () => {
    expect(() => planMemory(mlp(), { batch: 0 })).toThrow(ModelError);
    expect(() => planMemory(mlp(), { batch: 1.5 })).toThrow(/whole number/);
    const broken = mlp();
    broken.graph.nodes[1].inputs = ['nowhere'];
    expect(() => planMemory(broken)).toThrow(ModelError);
    const badShapes = makeModel(
      makeGraph({
        nodes: [makeNode('Add', ['x', 'k'], ['y'])],
        inputs: [typedValue('x', 'float32', [3])],
        outputs: [typedValue('y', 'float32', null)],
        initializers: { k: zeros('float32', [4]) },
      }),
    );
    expect(() => planMemory(badShapes)).toThrow(ModelError);
    expect(() => planMemory(mlp(), { alignment: 0 })).toThrow(RangeError);
  });
});

describe('greedyBySize', () => {
  it('is not optimal: here it needs 4 units where 3 (the lower bound) suffice', () => {
    const unit = 64;
    // A and B (2 units) at steps 0 and 2; C (1 unit) over steps 0–1, D (1 unit) over 1–2.
    // Greedy: A→0, B→0 (A is dead by step 2), C→2 (above A), D→3 (above B [0,2) and C [2,3)): 4 units.
    // Better: A→0, C→2, D→0, B→1 — every step holds 3 units and nothing collides.
    const intervals = [
      { size: 2 * unit, start: 0, end: 0 },
      { size: 2 * unit, start: 2, end: 2 },
      { size: unit, start: 0, end: 1 },
      { size: unit, start: 1, end: 2 },
    ];
    const { offsets, arenaBytes } = greedyBySize(intervals);
    expect(offsets).toEqual([0, 0, 2 * unit, 3 * unit]);
    expect(arenaBytes).toBe(4 * unit);
  });
});
