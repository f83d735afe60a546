// Shape inference agrees with execution: on every conformance case, infer() given all input values
// predicts exactly the dtype and shape run() produced; given only the types, it predicts the dtype and a
// compatible shape ('?' or null where a value was needed). Symbolic dims are kept by name.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseNames, readCase } from '../../cli/conformanceDir';
import { ModelError } from '../errors';
import type { Dim, Node, TypeInfo } from '../ir/graph';
import type { Tensor } from '../ir/tensor';
import { decodeModel, decodeTensor } from '../onnx/decode';
import { lookupOp } from './registry';
import type { OpContext } from './types';

const suite = path.resolve(__dirname, '../../../test-data/onnx-node');
const sequenceCases = (name: string) => name.startsWith('test_split_to_sequence');

function compatible(predicted: Dim[] | null, actual: number[]) {
  if (predicted === null) return true;
  return predicted.length === actual.length && predicted.every((d, i) => d === '?' || d === actual[i]);
}

describe('infer agrees with run on the conformance cases', () => {
  it.each(caseNames(suite).filter((n) => !sequenceCases(n)))('%s', (name) => {
    const c = readCase(suite, name);
    const model = decodeModel(c.model);
    const graph = model.graph;
    const values = new Map<string, Tensor>(graph.initializers);
    graph.inputs
      .filter((v) => !graph.initializers.has(v.name))
      .forEach((v, i) => values.set(v.name, decodeTensor(c.inputs[i]).tensor));
    const expected = c.outputs.map((bytes) => decodeTensor(bytes).tensor);
    expect(graph.nodes.length).toBe(1);
    const node = graph.nodes[0];
    const op = lookupOp(node.domain, node.opType)!;
    const ctx: OpContext = { node, opset: model.opsets[node.domain] };
    const types = node.inputs.map((n): TypeInfo | null => {
      const t = n ? values.get(n) : undefined;
      return t ? { dtype: t.dtype, shape: [...t.dims] } : null;
    });

    const withValues = op.infer(
      ctx,
      types,
      node.inputs.map((n) => (n ? (values.get(n) ?? null) : null)),
    );
    const withInitializers = op.infer(
      ctx,
      types,
      node.inputs.map((n) => (n ? (graph.initializers.get(n) ?? null) : null)),
    );
    graph.outputs.forEach((out, i) => {
      const k = node.outputs.indexOf(out.name);
      expect(withValues[k]).toEqual({ dtype: expected[i].dtype, shape: expected[i].dims });
      expect(withInitializers[k].dtype).toBe(expected[i].dtype);
      expect(
        compatible(withInitializers[k].shape, expected[i].dims),
        JSON.stringify(withInitializers[k].shape),
      ).toBe(true);
    });
  });
});

const node = (
  opType: string,
  inputs: string[],
  attributes: Node['attributes'] = {},
  outputs = ['y'],
): Node => ({
  name: `${opType}_node`,
  opType,
  domain: '',
  inputs,
  outputs,
  attributes,
});
const ints = (value: number[]) => ({ type: 'ints' as const, value });
const int = (value: number) => ({ type: 'int' as const, value });
const f32 = (...shape: Dim[]): TypeInfo => ({ dtype: 'float32', shape });
const i64 = (...values: number[]): Tensor => ({
  dtype: 'int64',
  dims: [values.length],
  data: Float64Array.from(values),
});
const infer = (n: Node, types: (TypeInfo | null)[], constants: (Tensor | null)[] = [], opset = 17) =>
  lookupOp('', n.opType)!.infer({ node: n, opset }, types, constants);

describe('infer keeps symbolic dims', () => {
  it('Conv: [batch, 3, 224, 224] with a 32×3×3×3 stride-2 kernel gives [batch, 32, 112, 112]', () => {
    const conv = node('Conv', ['x', 'w'], { strides: ints([2, 2]), pads: ints([1, 1, 1, 1]) });
    expect(infer(conv, [f32('batch', 3, 224, 224), f32(32, 3, 3, 3)])).toEqual([f32('batch', 32, 112, 112)]);
  });

  it('Conv: a symbolic spatial dim becomes unknown', () => {
    const conv = node('Conv', ['x', 'w'], { auto_pad: { type: 'string', value: 'SAME_UPPER' } });
    expect(infer(conv, [f32('N', 8, 'H', 20), f32(4, 8, 3, 3)])).toEqual([f32('N', 4, '?', 20)]);
  });

  it('elementwise ops broadcast symbols against sizes', () => {
    const add = node('Add', ['a', 'b']);
    expect(infer(add, [f32('batch', 1, 64), f32(10, 64)])).toEqual([f32('batch', 10, 64)]);
    expect(infer(add, [f32('batch', 64), f32('seq', 64)])).toEqual([f32('?', 64)]);
    expect(infer(add, [f32('batch', 64), f32('batch', 1)])).toEqual([f32('batch', 64)]);
  });

  it('MatMul, Transpose and Gemm carry symbols through', () => {
    expect(infer(node('MatMul', ['a', 'b']), [f32('batch', 'seq', 64), f32(64, 128)])).toEqual([
      f32('batch', 'seq', 128),
    ]);
    expect(infer(node('Transpose', ['x'], { perm: ints([0, 2, 1]) }), [f32('b', 's', 8)])).toEqual([
      f32('b', 8, 's'),
    ]);
    expect(
      infer(node('Gemm', ['a', 'b', 'c'], { transB: int(1) }), [f32('N', 1280), f32(1000, 1280), f32(1000)]),
    ).toEqual([f32('N', 1000)]);
  });

  it('Reshape solves -1 when the symbols cancel, and uses 0 to copy a symbolic dim', () => {
    const reshape = node('Reshape', ['x', 'shape']);
    expect(infer(reshape, [f32('batch', 4, 8), { dtype: 'int64', shape: [2] }], [null, i64(0, -1)])).toEqual([
      f32('batch', 32),
    ]);
    expect(infer(reshape, [f32('batch', 4, 8), { dtype: 'int64', shape: [2] }], [null, i64(-1, 8)])).toEqual([
      f32('?', 8),
    ]);
    expect(infer(reshape, [f32('batch', 4, 8), { dtype: 'int64', shape: [3] }])).toEqual([
      f32('?', '?', '?'),
    ]);
  });

  it('Flatten, GlobalAveragePool and pooling keep the batch symbol', () => {
    expect(infer(node('Flatten', ['x']), [f32('N', 1280, 1, 1)])).toEqual([f32('N', 1280)]);
    expect(infer(node('GlobalAveragePool', ['x']), [f32('N', 1280, 7, 7)])).toEqual([f32('N', 1280, 1, 1)]);
    const pool = node('MaxPool', ['x'], {
      kernel_shape: ints([3, 3]),
      strides: ints([2, 2]),
      pads: ints([1, 1, 1, 1]),
    });
    expect(infer(pool, [f32('N', 64, 112, 112)])[0]).toEqual(f32('N', 64, 56, 56));
  });

  it('shape-dependent ops give unknown dims when the values are not known', () => {
    expect(infer(node('Expand', ['x', 's']), [f32(1, 4), { dtype: 'int64', shape: [3] }])).toEqual([
      f32('?', '?', '?'),
    ]);
    expect(infer(node('ConstantOfShape', ['s']), [{ dtype: 'int64', shape: [2] }])).toEqual([f32('?', '?')]);
    expect(infer(node('Unsqueeze', ['x', 'axes']), [f32('b', 4), { dtype: 'int64', shape: [1] }])).toEqual([
      { dtype: 'float32', shape: null },
    ]);
    expect(
      infer(node('Unsqueeze', ['x', 'axes']), [f32('b', 4), { dtype: 'int64', shape: [1] }], [null, i64(1)]),
    ).toEqual([f32('b', 1, 4)]);
  });

  it('rejects what run would reject, with a ModelError naming the node', () => {
    expect(() => infer(node('Add', ['a', 'b']), [f32(3, 4), f32(5)])).toThrow(ModelError);
    expect(() => infer(node('MatMul', ['a', 'b']), [f32(3, 4), f32(5, 6)])).toThrow(/MatMul_node/);
    expect(() => infer(node('Conv', ['x', 'w']), [f32(1, 3, 8, 8), f32(4, 2, 3, 3)])).toThrow(/channels/);
    expect(() =>
      infer(node('Expand', ['x', 's']), [f32(1), { dtype: 'int64', shape: [2] }], [null, i64(1e6, 1e6)]),
    ).toThrow(/limit/);
  });
});
