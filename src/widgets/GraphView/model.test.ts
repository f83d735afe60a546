import { describe, expect, it } from 'vitest';
import type { Graph, Node, Tensor } from '../../engine';
import { opFamily } from './families';
import { formatType, keyAttributes, weightsSummary, constantsOf } from './labels';
import { buildModel, buildView, nodeKeys } from './model';

const t = (dims: number[], values?: number[]): Tensor => ({
  dtype: 'float32',
  dims,
  data: Float32Array.from(values ?? Array(dims.reduce((a, b) => a * b, 1)).fill(0.5)),
});
const i64 = (values: number[]): Tensor => ({
  dtype: 'int64',
  dims: [values.length],
  data: Float64Array.from(values),
});
const node = (
  name: string,
  opType: string,
  inputs: string[],
  outputs: string[],
  attributes: Node['attributes'] = {},
): Node => ({
  name,
  opType,
  domain: '',
  inputs,
  outputs,
  attributes,
});

/** input → depthwise Conv (weights W, B) → Clip(0, 6 from a Constant and an initializer) → Reshape → output */
function tiny(): Graph {
  return {
    name: 'tiny',
    nodes: [
      node('dw', 'Conv', ['x', 'W', 'B'], ['c'], {
        group: { type: 'int', value: 8 },
        strides: { type: 'ints', value: [2, 2] },
      }),
      node('lo', 'Constant', [], ['zero'], { value: { type: 'tensor', value: t([], [0]) } }),
      node('clip', 'Clip', ['c', 'zero', 'six'], ['r']),
      node('flat', 'Reshape', ['r', 'shape'], ['y']),
    ],
    inputs: [
      { name: 'x', type: { dtype: 'float32', shape: ['N', 8, 32, 32] } },
      // IR 3 style: an initializer listed as an input too
      { name: 'W', type: { dtype: 'float32', shape: [8, 1, 3, 3] } },
    ],
    outputs: [{ name: 'y', type: { dtype: 'float32', shape: ['N', 2048] } }],
    initializers: new Map([
      ['W', t([8, 1, 3, 3])],
      ['B', t([8])],
      ['six', t([], [6])],
      ['shape', i64([0, -1])],
    ]),
    valueInfo: new Map([['c', { name: 'c', type: { dtype: 'float32', shape: ['N', 8, 16, 16] } }]]),
  };
}

describe('labels', () => {
  const g = tiny();
  const constants = constantsOf(g);

  it('names the identifying attributes of a node', () => {
    expect(keyAttributes(g.nodes[0], constants)).toBe('3×3 · s2 · dw');
    expect(keyAttributes(g.nodes[1], constants)).toBe('= 0');
    expect(keyAttributes(g.nodes[2], constants)).toBe('[0, 6]');
    expect(keyAttributes(g.nodes[3], constants)).toBe('→ [0,-1]');
    const grouped = node('g', 'Conv', ['x', 'G'], ['o'], {
      group: { type: 'int', value: 2 },
      kernel_shape: { type: 'ints', value: [5, 1] },
    });
    expect(keyAttributes(grouped, new Map([['G', t([4, 4, 5, 1])]]))).toBe('5×1 · g2');
    const gemm = node('fc', 'Gemm', ['a', 'b'], ['o'], { transB: { type: 'int', value: 1 } });
    expect(keyAttributes(gemm, constants)).toBe('Bᵀ');
    expect(
      keyAttributes(node('s', 'Softmax', ['a'], ['o'], { axis: { type: 'int', value: -1 } }), constants),
    ).toBe('axis=-1');
    expect(
      keyAttributes(node('c', 'Cast', ['a'], ['o'], { to: { type: 'int', value: 10 } }), constants),
    ).toBe('→ float16');
  });

  it('ignores attributes of the wrong kind instead of failing', () => {
    const odd = node('odd', 'Conv', ['x'], ['o'], {
      kernel_shape: { type: 'string', value: '3x3' },
      group: { type: 'float', value: 2 },
    });
    expect(keyAttributes(odd, new Map())).toBe('');
  });

  it('sees weights through Identity nodes, as PyTorch exports them', () => {
    const nodes = [
      node('id', 'Identity', ['W'], ['w2']),
      node('conv', 'Conv', ['x', 'w2'], ['o'], { group: { type: 'int', value: 8 } }),
    ];
    const c = constantsOf({ nodes, initializers: new Map([['W', t([8, 1, 3, 3])]]) });
    expect(keyAttributes(nodes[1], c)).toBe('3×3 · dw');
  });

  it('summarises folded weights with their roles', () => {
    expect(weightsSummary(g.nodes[0], g.initializers)).toBe('W 8×1×3×3 · B 8');
    expect(weightsSummary(g.nodes[2], g.initializers)).toBe('⊞ scalar');
    const bn = node('bn', 'BatchNormalization', ['x', 's', 'b', 'm', 'v'], ['o']);
    const vec = new Map(['s', 'b', 'm', 'v'].map((n) => [n, t([32])]));
    expect(weightsSummary(bn, vec)).toBe('4 × 32');
  });

  it('formats types as shapes, naming the element type when not float32', () => {
    expect(formatType({ dtype: 'float32', shape: ['N', 3, 224, 224] })).toBe('N×3×224×224');
    expect(formatType({ dtype: 'int64', shape: [2] })).toBe('int64 2');
    expect(formatType({ dtype: 'float32', shape: null })).toBe('?');
    expect(formatType(null)).toBe('');
  });

  it('sorts operators into families', () => {
    expect(opFamily('Conv')).toBe('conv');
    expect(opFamily('Gemm')).toBe('matmul');
    expect(opFamily('Clip')).toBe('activation');
    expect(opFamily('BatchNormalization')).toBe('normalization');
    expect(opFamily('GlobalAveragePool')).toBe('pooling');
    expect(opFamily('Reshape')).toBe('shape');
    expect(opFamily('Add')).toBe('elementwise');
    expect(opFamily('QuantizeLinear')).toBe('quantization');
    expect(opFamily('FusedConv', 'com.microsoft')).toBe('fused');
    expect(opFamily('Attention', 'com.microsoft')).toBe('fused');
    expect(opFamily('LSTM')).toBe('other');
  });
});

describe('buildView', () => {
  it('draws inputs, operators and outputs, folds initializers into their consumers, and labels edges with types', () => {
    const model = buildModel(tiny());
    const view = buildView(model);
    expect(view.nodes.map((n) => n.key)).toEqual(['input:x', 'dw', 'lo', 'clip', 'flat', 'output:y']);
    const edge = (from: string, to: string) =>
      view.edges.find((e) => e.from === view.indexOf.get(from) && e.to === view.indexOf.get(to));
    expect(edge('input:x', 'dw')?.label).toBe('N×8×32×32');
    expect(edge('dw', 'clip')?.label).toBe('N×8×16×16');
    expect(edge('lo', 'clip')?.value).toBe('zero');
    expect(edge('clip', 'flat')?.label).toBe(''); // no type known
    expect(edge('flat', 'output:y')?.label).toBe('N×2048');
    expect(view.edges).toHaveLength(5); // W, B, six and shape are not edges
  });

  it('prefers value types given by the caller (shape inference) over the file', () => {
    const model = buildModel(tiny(), new Map([['r', { dtype: 'float32', shape: [1, 8, 16, 16] }]]));
    const view = buildView(model);
    const e = view.edges.find((e) => e.value === 'r')!;
    expect(e.label).toBe('1×8×16×16');
  });

  it('collapses a block into one box that keeps the outside edges', () => {
    const nodes = [
      node('/stem/Conv', 'Conv', ['x'], ['a']),
      ...[0, 1].flatMap((b) => [
        node(`/blocks/blocks.${b}/Conv`, 'Conv', [b ? 'b0' : 'a'], [`m${b}`]),
        node(`/blocks/blocks.${b}/Relu`, 'Relu', [`m${b}`], [`b${b}`]),
      ]),
      node('/head/Gemm', 'Gemm', ['b1'], ['y']),
    ];
    const g: Graph = {
      name: 'g',
      nodes,
      inputs: [{ name: 'x', type: null }],
      outputs: [{ name: 'y', type: null }],
      initializers: new Map(),
      valueInfo: new Map(),
    };
    const model = buildModel(g);
    expect(model.blocks.map((b) => b.id)).toEqual(['blocks/blocks.0', 'blocks/blocks.1']);
    const view = buildView(model, new Set(['blocks/blocks.0']));
    expect(view.nodes.map((n) => n.key)).toEqual([
      'input:x',
      '/stem/Conv',
      'block:blocks/blocks.0',
      '/blocks/blocks.1/Conv',
      '/blocks/blocks.1/Relu',
      '/head/Gemm',
      'output:y',
    ]);
    const block = view.nodes[2];
    expect(block).toMatchObject({
      kind: 'block',
      title: 'blocks.0',
      detail: '2 nodes',
      weights: 'Conv · Relu',
      family: 'block',
    });
    // members resolve to the block's box
    expect(view.indexOf.get('/blocks/blocks.0/Relu')).toBe(2);
    const pairs = view.edges.map((e) => [view.nodes[e.from].key, view.nodes[e.to].key]);
    expect(pairs).toContainEqual(['/stem/Conv', 'block:blocks/blocks.0']);
    expect(pairs).toContainEqual(['block:blocks/blocks.0', '/blocks/blocks.1/Conv']);
    expect(pairs.some(([a, b]) => a === b)).toBe(false);
  });
});

describe('nodeKeys', () => {
  it('uses unique names and disambiguates missing or repeated ones by index', () => {
    const nodes = [
      { name: 'a', opType: 'Relu' },
      { name: '', opType: 'Add' },
      { name: 'd', opType: 'Mul' },
      { name: 'd', opType: 'Mul' },
    ];
    expect(nodeKeys(nodes)).toEqual(['a', 'Add#1', 'd#2', 'd#3']);
  });
});
