import { describe, expect, it } from 'vitest';
import type { OpDef } from '../ops/types';
import { makeGraph, makeModel, makeNode, typedValue } from './build';
import { modelCost, type CostOptions } from './cost';
import type { Attribute, Dim, Graph, Node } from './graph';
import { inferShapes } from './infer';
import { zeros } from './tensor';

// Shapes come from the declared types (no operator is looked up), so every figure below is the formula's.
const noOps = { lookup: () => undefined };
const ints = (value: number[]): Attribute => ({ type: 'ints', value });
const int = (value: number): Attribute => ({ type: 'int', value });

/** One node; x is a graph input, weights are initializers, y is declared with the given shape. */
function single(node: Node, x: Dim[], weights: Record<string, number[]>, y: Dim[], options?: CostOptions) {
  const initializers = Object.fromEntries(
    Object.entries(weights).map(([name, dims]) => [name, zeros('float32', dims)]),
  );
  const graph = makeGraph({
    nodes: [node],
    inputs: [typedValue('x', 'float32', x)],
    outputs: [typedValue('y', 'float32', y)],
    initializers,
  });
  const model = makeModel(graph);
  const cost = modelCost(model, inferShapes(model, noOps), options);
  return { ...cost.nodes[0], graph: cost };
}

describe('modelCost, checked against hand-computed figures', () => {
  it('a 3×3 convolution: MACs = N·M·Ho·Wo·C·Kh·Kw, params = weights + bias, bytes and intensity', () => {
    const conv = makeNode('Conv', ['x', 'W', 'B'], ['y'], {
      attributes: { kernel_shape: ints([3, 3]), pads: ints([1, 1, 1, 1]) },
    });
    const c = single(conv, [1, 3, 32, 32], { W: [16, 3, 3, 3], B: [16] }, [1, 16, 32, 32]);
    expect(c.macs).toBe(16 * 32 * 32 * 3 * 3 * 3); // 442 368
    expect(c.flops).toBe(2 * 442_368);
    expect(c.params).toBe(16 * 27 + 16);
    expect(c.weightBytes).toBe(448 * 4);
    expect(c.inputBytes).toBe(3 * 32 * 32 * 4);
    expect(c.outputBytes).toBe(16 * 32 * 32 * 4);
    expect(c.intensity).toBeCloseTo(884_736 / (1792 + 12_288 + 65_536), 12);
    expect(c.complete).toBe(true);
    expect(c.graph).toMatchObject({
      params: 448,
      weightBytes: 1792,
      macs: 442_368,
      flops: 884_736,
      uncounted: [],
    });
  });

  it('the channels-last convolutions of the NHWC conversion have the MACs of their Conv', () => {
    const attributes = { kernel_shape: ints([3, 3]), pads: ints([1, 1, 1, 1]) };
    const conv = single(
      makeNode('Conv', ['x', 'W'], ['y'], { attributes }),
      [1, 3, 32, 32],
      { W: [16, 3, 3, 3] },
      [1, 16, 32, 32],
    );
    // NhwcConv: X, Y [N, H, W, C] and W [M, kH, kW, C/group]
    const nhwc = makeNode('NhwcConv', ['x', 'W'], ['y'], { domain: 'com.microsoft', attributes });
    expect(single(nhwc, [1, 32, 32, 3], { W: [16, 3, 3, 3] }, [1, 32, 32, 16]).macs).toBe(conv.macs);
    // com.microsoft QLinearConv (channels_last = 1): the weight is its fourth input
    const q = makeNode('QLinearConv', ['x', 's', 'z', 'W', 's', 'z', 's', 'z'], ['y'], {
      domain: 'com.microsoft',
      attributes: { ...attributes, channels_last: int(1) },
    });
    expect(single(q, [1, 32, 32, 3], { W: [16, 3, 3, 3] }, [1, 32, 32, 16]).macs).toBe(conv.macs);
  });

  it('a depthwise convolution: C/groups = 1, so MACs = N·C·Ho·Wo·Kh·Kw', () => {
    const dw = makeNode('Conv', ['x', 'W'], ['y'], {
      attributes: { group: int(32), kernel_shape: ints([3, 3]), strides: ints([2, 2]) },
    });
    const c = single(dw, [1, 32, 112, 112], { W: [32, 1, 3, 3] }, [1, 32, 56, 56]);
    expect(c.macs).toBe(32 * 56 * 56 * 9); // 903 168
    expect(c.params).toBe(288);
  });

  it('a Gemm (with transB, and with transA): MACs = M·N·K', () => {
    const fc = makeNode('Gemm', ['x', 'W', 'b'], ['y'], { attributes: { transB: int(1) } });
    expect(single(fc, [1, 1280], { W: [1000, 1280], b: [1000] }, [1, 1000]).macs).toBe(1_280_000);
    const ta = makeNode('Gemm', ['x', 'W'], ['y'], { attributes: { transA: int(1) } });
    expect(single(ta, [1280, 4], { W: [1280, 10] }, [4, 10]).macs).toBe(4 * 10 * 1280);
  });

  it('a MatMul with broadcast batch dims, and with a 1-D operand', () => {
    const mm = makeNode('MatMul', ['x', 'W'], ['y']);
    expect(single(mm, [2, 3, 4, 5], { W: [5, 6] }, [2, 3, 4, 6]).macs).toBe(2 * 3 * 4 * 6 * 5);
    expect(single(mm, [7], { W: [7, 6] }, [6]).macs).toBe(6 * 7);
  });

  it('symbolic dims count as 1 unless given', () => {
    const conv = makeNode('Conv', ['x', 'W'], ['y']);
    const at1 = single(conv, ['batch', 3, 8, 8], { W: [4, 3, 1, 1] }, ['batch', 4, 8, 8]);
    expect(at1.macs).toBe(4 * 64 * 3);
    expect(at1.graph.symbols).toEqual({ batch: 1 });
    const at8 = single(conv, ['batch', 3, 8, 8], { W: [4, 3, 1, 1] }, ['batch', 4, 8, 8], {
      symbols: { batch: 8 },
    });
    expect(at8.macs).toBe(8 * 4 * 64 * 3);
    expect(at8.graph.symbols).toEqual({ batch: 8 });
  });

  it('element-wise, pooling and reduction FLOPs, data movement at 0 FLOPs, and ops without a formula', () => {
    const flops = (node: Node, x: Dim[], y: Dim[], weights: Record<string, number[]> = {}) =>
      single(node, x, weights, y);
    expect(flops(makeNode('Relu', ['x'], ['y']), [1, 16, 8, 8], [1, 16, 8, 8]).flops).toBe(1024);
    expect(flops(makeNode('Add', ['x', 'b'], ['y']), [2, 3], [2, 3], { b: [3] }).flops).toBe(6);
    expect(flops(makeNode('Sum', ['x', 'x', 'x'], ['y']), [10], [10]).flops).toBe(20);
    expect(flops(makeNode('Softmax', ['x'], ['y']), [4, 10], [4, 10]).flops).toBe(200);
    expect(
      flops(
        makeNode('MaxPool', ['x'], ['y'], { attributes: { kernel_shape: ints([3, 3]) } }),
        [1, 2, 8, 8],
        [1, 2, 6, 6],
      ).flops,
    ).toBe(72 * 9);
    expect(flops(makeNode('GlobalAveragePool', ['x'], ['y']), [1, 2, 8, 8], [1, 2, 1, 1]).flops).toBe(128);
    const reshape = flops(makeNode('Reshape', ['x', 's'], ['y']), [2, 3], [6], { s: [1] });
    expect([reshape.flops, reshape.inputBytes, reshape.outputBytes, reshape.graph.uncounted]).toEqual([
      0,
      24,
      24,
      [],
    ]);
    expect(flops(makeNode('Resize', ['x'], ['y']), [1, 1, 2, 2], [1, 1, 4, 4]).graph.uncounted).toEqual([
      'Resize',
    ]);
  });

  it('counts tensors as parameters, not single numbers (Clip bounds) or int64 shapes', () => {
    const clip = single(makeNode('Clip', ['x', 'lo', 'hi'], ['y']), [4], { lo: [], hi: [1] }, [4]);
    expect([clip.params, clip.weightBytes, clip.graph.params, clip.graph.weightBytes]).toEqual([0, 8, 0, 8]);
    const graph = makeGraph({
      nodes: [makeNode('Reshape', ['x', 'shape'], ['y'])],
      inputs: [typedValue('x', 'float32', [2, 3])],
      outputs: [typedValue('y', 'float32', [3, 2])],
      initializers: { shape: zeros('int64', [2]) },
    });
    const model = makeModel(graph);
    expect(modelCost(model, inferShapes(model, noOps))).toMatchObject({ params: 0, weightBytes: 16 });
  });

  it('marks a node incomplete when a shape it needs is unknown', () => {
    const c = single(makeNode('Conv', ['x', 'W'], ['y']), [1, 3, '?', 8], { W: [4, 3, 1, 1] }, [
      1,
      4,
      '?',
      8,
    ]);
    expect(c.complete).toBe(false);
    const graph = makeGraph({
      nodes: [makeNode('MatMul', ['x', 'W'], ['y'])],
      inputs: [typedValue('x', 'float32', [2, 2])],
      outputs: [{ name: 'y', type: null }],
      initializers: { W: zeros('float32', [2, 2]) },
    });
    const model = makeModel(graph);
    const unknown = modelCost(model, inferShapes(model, noOps)).nodes[0];
    expect([unknown.complete, unknown.macs, unknown.outputBytes]).toEqual([false, 0, 0]);
  });

  it('folded nodes cost nothing, and a weight read by two nodes is one parameter set of the graph', () => {
    const identity: OpDef = {
      opType: 'Identity',
      domain: '',
      infer: (_c, [x]) => [x!],
      run: (_c, [x]) => [x!],
    };
    const graph: Graph = makeGraph({
      nodes: [
        makeNode('Identity', ['W'], ['W_alias'], { name: 'alias' }),
        makeNode('Conv', ['x', 'W'], ['a'], { name: 'c1' }),
        makeNode('Conv', ['a', 'W_alias'], ['y'], { name: 'c2' }),
      ],
      inputs: [typedValue('x', 'float32', [1, 2, 4, 4])],
      outputs: [typedValue('y', 'float32', [1, 2, 4, 4])],
      valueInfo: [typedValue('a', 'float32', [1, 2, 4, 4])],
      initializers: { W: zeros('float32', [2, 2, 1, 1]) },
    });
    const model = makeModel(graph);
    const cost = modelCost(
      model,
      inferShapes(model, { lookup: (_d, op) => (op === 'Identity' ? identity : undefined) }),
    );
    expect(cost.nodes.map((n) => [n.node, n.folded, n.params, n.macs])).toEqual([
      ['alias', true, 0, 0],
      ['c1', false, 4, 64],
      ['c2', false, 4, 64],
    ]);
    expect([cost.params, cost.macs]).toEqual([4, 128]);
  });
});
