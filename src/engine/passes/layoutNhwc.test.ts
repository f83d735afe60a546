// layout-nhwc on small fixture graphs whose transposes are counted by hand before and after, each also run
// by the interpreter before and after the conversion on seeded random inputs (max relative error ≤ 1e-5).
import { describe, expect, it } from 'vitest';
import { relativeError } from '../conformance/compare';
import { makeGraph, makeModel, makeNode, typedValue } from '../ir/build';
import type { Attribute, Model, Node } from '../ir/graph';
import { randomTensor } from '../ir/randomTensor';
import { tensor, type Tensor } from '../ir/tensor';
import { run } from '../interpreter/run';
import { convertToNhwc } from '../layout/convert';
import { transposeReport } from '../layout/transposes';
import { seededRandom } from '../stats/rng';
import { layoutNhwc } from './layoutNhwc';
import { createPassContext } from './context';

const ints = (...value: number[]): Attribute => ({ type: 'ints', value });

/** A fixture builder: seeded weights, named nodes. */
function builder(seed: number) {
  const rng = seededRandom(seed);
  const nodes: Node[] = [];
  const initializers: Record<string, Tensor> = {};
  return {
    nodes,
    initializers,
    conv(
      name: string,
      x: string,
      y: string,
      cin: number,
      cout: number,
      attrs: Record<string, Attribute> = {},
    ) {
      initializers[`${name}.w`] = randomTensor('float32', [cout, cin, 3, 3], rng);
      initializers[`${name}.b`] = randomTensor('float32', [cout], rng);
      nodes.push(
        makeNode('Conv', [x, `${name}.w`, `${name}.b`], [y], {
          name,
          attributes: { kernel_shape: ints(3, 3), pads: ints(1, 1, 1, 1), ...attrs },
        }),
      );
    },
    node(opType: string, inputs: string[], output: string, attributes: Record<string, Attribute> = {}) {
      nodes.push(makeNode(opType, inputs, [output], { name: output, attributes }));
    },
    model(input: [string, (number | string)[]], output: string): Model {
      return makeModel(
        makeGraph({
          nodes,
          inputs: [typedValue(input[0], 'float32', input[1])],
          outputs: [typedValue(output, 'float32', null)],
          initializers,
        }),
      );
    },
  };
}

const opCount = (model: Model, opType: string) => model.graph.nodes.filter((n) => n.opType === opType).length;
const kinds = (summaries: { summary: string }[]) => summaries.map((r) => r.summary.split(' ')[0]);

/** Converts, then checks the converted model computes what the original does. */
function convertAndCheck(model: Model, seed = 7) {
  const result = convertToNhwc(model);
  const input = model.graph.inputs[0];
  const dims = input.type!.shape!.map((d) => (typeof d === 'number' ? d : 2)); // batch 2
  const x = randomTensor('float32', dims, seededRandom(seed));
  const before = run(model, { [input.name]: x });
  const after = run(result.model, { [input.name]: x });
  for (const [name, expected] of Object.entries(before)) {
    expect(after[name].dims).toEqual(expected.dims);
    expect(relativeError(after[name], expected)).toBeLessThan(1e-5);
  }
  return result;
}

describe('layout-nhwc', () => {
  it('Conv → Relu → Conv: 4 transposes inserted, the inner pair cancels, 2 remain at the graph boundary', () => {
    const b = builder(1);
    b.conv('conv1', 'x', 'h', 3, 8);
    b.node('Relu', ['h'], 'r');
    b.conv('conv2', 'r', 'y', 8, 8);
    const model = b.model(['x', ['batch', 3, 8, 8]], 'y');
    expect(transposeReport(model).transposes).toHaveLength(0);

    const { model: converted, rewrites } = convertAndCheck(model);
    expect(kinds(rewrites)).toEqual(['converted', 'converted', 'moved', 'cancelled']);
    expect(opCount(converted, 'Conv')).toBe(0);
    expect(
      converted.graph.nodes.filter((n) => n.opType === 'NhwcConv' && n.domain === 'com.microsoft'),
    ).toHaveLength(2);
    expect(converted.opsets['com.microsoft']).toBe(1);
    // the weights are stored [M, kH, kW, C], the NCHW originals are gone
    expect(converted.graph.initializers.get('conv1.w_ohwi')!.dims).toEqual([8, 3, 3, 3]);
    expect(converted.graph.initializers.has('conv1.w')).toBe(false);

    const report = transposeReport(converted);
    expect(report.transposes.map((t) => t.perm)).toEqual([
      [0, 2, 3, 1],
      [0, 3, 1, 2],
    ]);
    // x: 3·8·8 floats = 768 B, y: 8·8·8 floats = 2048 B; each read once and written once
    expect(report.transposes.map((t) => t.bytes)).toEqual([768, 2048]);
    expect(report.movedBytes).toBe(2 * (768 + 2048));
    // at batch 4 every transpose moves 4 times as much
    expect(transposeReport(converted, { batch: 4 }).movedBytes).toBe(4 * report.movedBytes);
  });

  it('a residual Add of two transposed values becomes one transpose after the Add', () => {
    const b = builder(2);
    b.conv('conv0', 'x', 'a', 4, 6);
    b.conv('conv1', 'a', 'h', 6, 6);
    b.node('Clip', ['h', 'lo', 'hi'], 'c');
    b.initializers.lo = tensor('float32', [], [0]);
    b.initializers.hi = tensor('float32', [], [6]);
    b.conv('conv2', 'c', 'd', 6, 6);
    b.node('Add', ['d', 'a'], 'y');
    const model = b.model(['x', [2, 4, 5, 5]], 'y');
    const { model: converted, rewrites } = convertAndCheck(model);
    // 3 converts make 6 transposes; conv0's output pair cancels on the conv1 branch, which leaves the Add as
    // the only reader of conv0's NHWC → NCHW transpose: the Add takes it and conv2's in one transpose after it;
    // Clip lets conv1's through to cancel with conv2's. x's and y's remain.
    expect(kinds(rewrites)).toEqual([
      'converted',
      'converted',
      'converted',
      'cancelled',
      'moved',
      'moved',
      'cancelled',
    ]);
    expect(transposeReport(converted).transposes.map((t) => t.perm)).toEqual([
      [0, 2, 3, 1],
      [0, 3, 1, 2],
    ]);
  });

  it('a value read both by a layout-agnostic op and elsewhere keeps its transposes (no push past a fan-out)', () => {
    const b = builder(3);
    b.conv('conv1', 'x', 'h', 4, 4);
    b.node('Relu', ['h'], 'r');
    b.conv('conv2', 'r', 'd', 4, 4);
    b.node('Add', ['d', 'h'], 'y'); // h is read by Relu and by Add
    const { model: converted } = convertAndCheck(b.model(['x', [1, 4, 6, 6]], 'y'));
    // conv1's NHWC → NCHW transpose feeds Relu and Add: neither can take it alone, so 4 transposes stay
    expect(transposeReport(converted).transposes).toHaveLength(4);
  });

  it('BatchNormalization and tiling MaxPool join the NHWC region; an overlapping MaxPool stays NCHW', () => {
    const b = builder(4);
    const rng = seededRandom(40);
    b.conv('conv1', 'x', 'h', 2, 4);
    for (const [k, range] of [
      ['scale', [0.5, 2]],
      ['bias', [-1, 1]],
      ['mean', [-1, 1]],
      ['var', [0.2, 2]],
    ] as const)
      b.initializers[`bn.${k}`] = randomTensor('float32', [4], rng, [...range]);
    b.node('BatchNormalization', ['h', 'bn.scale', 'bn.bias', 'bn.mean', 'bn.var'], 'n', {
      epsilon: { type: 'float', value: 1e-3 },
    });
    b.node('Relu', ['n'], 'r');
    b.node('MaxPool', ['r'], 'p', { kernel_shape: ints(2, 2), strides: ints(2, 2) });
    b.conv('conv2', 'p', 'd', 4, 4);
    b.node('MaxPool', ['d'], 'q', { kernel_shape: ints(3, 3), strides: ints(2, 2), pads: ints(1, 1, 1, 1) });
    b.node('GlobalAveragePool', ['q'], 'g');
    b.node('Flatten', ['g'], 'y');
    const { model: converted } = convertAndCheck(b.model(['x', [2, 2, 8, 8]], 'y'));
    expect(opCount(converted, 'BatchNormalization')).toBe(0);
    expect([opCount(converted, 'Mul'), opCount(converted, 'Add')]).toEqual([1, 1]);
    expect(opCount(converted, 'ReduceMax')).toBe(1); // the 2×2/2 pool as Reshape + ReduceMax
    expect(opCount(converted, 'MaxPool')).toBe(1); // the 3×3/2 pool, windows overlap: no NHWC form here
    expect(opCount(converted, 'GlobalAveragePool')).toBe(1); // reads the NCHW pool: nothing to join
    expect(transposeReport(converted).transposes.map((t) => t.perm)).toEqual([
      [0, 2, 3, 1],
      [0, 3, 1, 2],
    ]);
  });

  it('global average pooling after a convolution becomes ReduceMean over H and W', () => {
    const b = builder(5);
    b.conv('conv', 'x', 'h', 3, 5);
    b.node('GlobalAveragePool', ['h'], 'y');
    const { model: converted } = convertAndCheck(b.model(['x', [1, 3, 4, 4]], 'y'));
    const reduce = converted.graph.nodes.find((n) => n.opType === 'ReduceMean')!;
    expect(reduce.attributes.axes).toEqual({ type: 'ints', value: [1, 2] });
    // [1, 1, 1, 5] → [1, 5, 1, 1] moves only size-1 axes: a Reshape, and no transpose is left there
    expect(transposeReport(converted).transposes.map((t) => t.perm)).toEqual([[0, 2, 3, 1]]);
  });

  it('a single-channel input needs no transpose: [N, 1, H, W] → [N, H, W, 1] is a Reshape', () => {
    const b = builder(6);
    b.conv('conv', 'x', 'y', 1, 4);
    const { model: converted } = convertAndCheck(b.model(['x', [3, 1, 5, 5]], 'y'));
    expect(opCount(converted, 'Reshape')).toBe(1);
    expect(transposeReport(converted).transposes.map((t) => t.perm)).toEqual([[0, 3, 1, 2]]);
  });

  it('a per-channel constant added after the convolution is permuted to [1, 1, 1, C]', () => {
    const b = builder(7);
    b.conv('conv', 'x', 'h', 3, 4);
    b.initializers.shift = tensor('float32', [4, 1, 1], [1, 2, 3, 4]);
    b.node('Add', ['h', 'shift'], 'y');
    const { model: converted } = convertAndCheck(b.model(['x', [1, 3, 4, 4]], 'y'));
    const add = converted.graph.nodes.find((n) => n.opType === 'Add')!;
    const shift = converted.graph.initializers.get(add.inputs[1])!;
    expect(shift.dims).toEqual([1, 1, 1, 4]);
    expect(Array.from(shift.data as Float32Array)).toEqual([1, 2, 3, 4]);
  });

  it('does nothing without contrib ops, and never matches a graph it already converted', () => {
    const b = builder(8);
    b.conv('conv', 'x', 'y', 3, 4);
    const model = b.model(['x', [1, 3, 4, 4]], 'y');
    const { ctx } = createPassContext(model, { contribOps: false });
    expect(layoutNhwc.match(model.graph, ctx)).toBeNull();
    const converted = convertToNhwc(model).model;
    const { ctx: again } = createPassContext(converted, { contribOps: true });
    expect(layoutNhwc.match(converted.graph, again)).toBeNull();
    expect(convertToNhwc(model).model.graph.nodes.length).toBe(converted.graph.nodes.length);
  });

  it('records every rewrite: what it removed, added, and where the new nodes come from', () => {
    const b = builder(9);
    b.conv('conv1', 'x', 'h', 3, 4);
    b.node('Relu', ['h'], 'r');
    b.conv('conv2', 'r', 'y', 4, 4);
    const { rewrites } = convertToNhwc(b.model(['x', [1, 3, 4, 4]], 'y'));
    const [first] = rewrites;
    expect(first.pass).toBe('layout-nhwc');
    expect(first.removed).toEqual(['conv1']);
    expect(first.added).toHaveLength(3);
    for (const name of first.added) expect(first.origins[name]).toEqual(['conv1']);
    const push = rewrites.find((r) => r.summary.startsWith('moved'))!;
    expect(push.changed).toEqual(['r']);
  });
});
