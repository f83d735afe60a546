import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import type { OpDef } from '../ops/types';
import { makeGraph, makeModel, makeNode, typedValue } from './build';
import type { Dim, TypeInfo } from './graph';
import { evaluateDim, inferShapes, recordShapes, type InferOptions } from './infer';
import { numel, tensor, type Tensor } from './tensor';

// Small stand-ins for the interpreter's operators, just enough for the driver: what is tested here is the
// walk (order, constants handed to infer, folding, unknown ops, errors, conflicts), not the operators.
const ints = (t: Tensor) => Array.from(t.data as Float64Array);
const def = (opType: string, infer: OpDef['infer'], run: OpDef['run'] = () => []): OpDef => ({
  opType,
  domain: '',
  infer,
  run,
});
const FAKE_OPS: OpDef[] = [
  def(
    'Relu',
    (_c, [x]) => [x!],
    (_c, [x]) => [
      tensor(
        x!.dtype,
        x!.dims,
        Array.from(x!.data as Float32Array, (v) => Math.max(0, v)),
      ),
    ],
  ),
  def('Add', (c, [a, b]) => {
    if (a!.dtype !== b!.dtype)
      throw new ModelError('invalid', `Add of ${a!.dtype} and ${b!.dtype}`, { node: c.node.name });
    return [a!];
  }),
  def(
    'Shape',
    (_c, [x]) => [{ dtype: 'int64', shape: x!.shape && [x!.shape.length] }],
    (_c, [x]) => [tensor('int64', [x!.dims.length], x!.dims)],
  ),
  def(
    'Gather', // 1-D data, scalar index
    (_c, [data]) => [{ dtype: data!.dtype, shape: [] }],
    (_c, [data, index]) => [tensor(data!.dtype, [], [data!.data[index!.data[0] as number] as number])],
  ),
  def(
    'Unsqueeze', // a scalar to [1]
    (_c, [x]) => [{ dtype: x!.dtype, shape: [1] }],
    (_c, [x]) => [tensor(x!.dtype, [1], x!.data as Float64Array)],
  ),
  def(
    'Concat', // 1-D
    (_c, xs) => [
      {
        dtype: xs[0]!.dtype,
        shape: [
          xs.reduce<Dim>(
            (n, x) => (typeof n === 'number' && typeof x!.shape![0] === 'number' ? n + x!.shape![0] : '?'),
            0,
          ),
        ],
      },
    ],
    (_c, xs) => [
      tensor(
        'int64',
        [xs.length],
        xs.flatMap((x) => ints(x!)),
      ),
    ],
  ),
  def('Reshape', (_c, [x], [, shape]) => {
    if (!shape) return [{ dtype: x!.dtype, shape: null }];
    const dims = ints(shape);
    const known = x!.shape!.every((d) => typeof d === 'number') ? numel(x!.shape as number[]) : null;
    const rest = numel(dims.filter((d) => d !== -1));
    return [
      { dtype: x!.dtype, shape: dims.map((d) => (d === -1 ? (known === null ? '?' : known / rest) : d)) },
    ];
  }),
  def(
    'Constant',
    (c) => {
      const t = c.node.attributes.value.value as Tensor;
      return [{ dtype: t.dtype, shape: t.dims }];
    },
    (c) => [c.node.attributes.value.value as Tensor],
  ),
  def(
    'RandomUniformLike',
    (_c, [x]) => [x!],
    (_c, [x]) => [x!],
  ),
];
const options: InferOptions = {
  lookup: (domain, opType) => FAKE_OPS.find((op) => op.domain === domain && op.opType === opType),
};

/** x → Shape → Gather[0] → Unsqueeze → Concat with [-1] → Reshape(x): the flatten exporters write. */
function flatten(xShape: Dim[]) {
  return makeModel(
    makeGraph({
      nodes: [
        makeNode('Shape', ['x'], ['s'], { name: 'shape' }),
        makeNode('Gather', ['s', 'zero'], ['n'], { name: 'gather' }),
        makeNode('Unsqueeze', ['n'], ['n1'], { name: 'unsqueeze' }),
        makeNode('Concat', ['n1', 'minus_one'], ['target'], { name: 'concat' }),
        makeNode('Reshape', ['x', 'target'], ['y'], { name: 'reshape' }),
      ],
      inputs: [typedValue('x', 'float32', xShape)],
      outputs: [typedValue('y', 'float32', null)],
      initializers: { zero: tensor('int64', [], [0]), minus_one: tensor('int64', [1], [-1]) },
    }),
  );
}

const type = (dtype: TypeInfo['dtype'], shape: Dim[] | null): TypeInfo => ({ dtype, shape });

describe('inferShapes', () => {
  it('folds Shape → Gather → Unsqueeze → Concat into the constant a Reshape needs', () => {
    const r = inferShapes(flatten([2, 3, 4, 4]), options);
    expect(r.types.get('y')).toEqual(type('float32', [2, 48]));
    expect(ints(r.constants.get('target')!)).toEqual([2, -1]);
    expect(r.constantValues).toEqual(new Set(['zero', 'minus_one', 's', 'n', 'n1', 'target']));
    expect([r.unknownOps, r.errors, r.conflicts]).toEqual([[], [], []]);
  });

  it('keeps symbolic dims by name, and folds nothing that depends on them', () => {
    const r = inferShapes(flatten(['batch', 3, 4, 4]), options);
    expect(r.types.get('x')).toEqual(type('float32', ['batch', 3, 4, 4]));
    expect(r.types.get('target')).toEqual(type('int64', [2]));
    expect(r.constants.has('s')).toBe(false);
    expect(r.constantValues).toEqual(new Set(['zero', 'minus_one']));
  });

  it('follows symbolic dims through shape arithmetic (two runs with the symbols bound to primes)', () => {
    // Reshape(x, [N, -1]) with N = Shape(x)[0] is not foldable, yet the output is [batch, 48]
    expect(inferShapes(flatten(['batch', 3, 4, 4]), options).types.get('y')).toEqual(
      type('float32', ['batch', 48]),
    );
    // a product of symbols and a constant is named by it
    expect(inferShapes(flatten(['a', 'b', 4, 4]), options).types.get('y')).toEqual(
      type('float32', ['a', '16*b']),
    );
    expect(inferShapes(flatten(['a', 'b', 'b', 3]), options).types.get('y')).toEqual(
      type('float32', ['a', '3*b*b']),
    );
    // the target shape itself is not known (it depends on the batch), so Reshape alone could not say it
    expect(inferShapes(flatten(['batch', 3, 4, 4]), options).constants.has('target')).toBe(false);
  });

  it('evaluateDim: static dims, symbols, products of them, and unknown', () => {
    const at = (s: string) => ({ batch: 8, sequence: 5 })[s]!;
    expect([3, 'batch', '4*batch', 'batch*sequence', '?'].map((d) => evaluateDim(d, at))).toEqual([
      3,
      8,
      32,
      40,
      null,
    ]);
  });

  it('binds symbolic dims to numbers when asked, making the shapes static', () => {
    const r = inferShapes(flatten(['batch', 3, 4, 4]), { ...options, bind: { batch: 8 } });
    expect(r.types.get('x')).toEqual(type('float32', [8, 3, 4, 4]));
    expect(r.types.get('y')).toEqual(type('float32', [8, 48]));
    expect(ints(r.constants.get('target')!)).toEqual([8, -1]);
  });

  it('fills what inference leaves unknown from the declared types', () => {
    const model = flatten(['batch', 3, 4, 4]);
    model.graph.nodes[4].opType = 'Mystery';
    model.graph.outputs[0] = typedValue('y', 'float32', ['batch', 48]);
    expect(inferShapes(model, options).types.get('y')).toEqual(type('float32', ['batch', 48]));
  });

  it('lists unknown ops; their outputs keep the declared type or stay unknown, and so does what follows', () => {
    const model = makeModel(
      makeGraph({
        nodes: [
          makeNode('Mystery', ['x'], ['a'], { name: 'm1' }),
          makeNode('Relu', ['a'], ['b'], { name: 'r1' }),
          makeNode('Mystery', ['x'], ['c'], { name: 'm2', domain: 'com.example' }),
          makeNode('Relu', ['c'], ['d'], { name: 'r2' }),
        ],
        inputs: [typedValue('x', 'float32', [2])],
        valueInfo: [typedValue('a', 'float32', [5])],
      }),
      { '': 17, 'com.example': 1 },
    );
    const r = inferShapes(model, options);
    expect(r.unknownOps).toEqual([
      { node: 'm1', opType: 'Mystery', message: 'Mystery is not implemented here' },
      { node: 'm2', opType: 'Mystery', message: 'com.example::Mystery is not implemented here' },
    ]);
    expect([r.types.get('a'), r.types.get('b'), r.types.get('c'), r.types.get('d')]).toEqual([
      type('float32', [5]),
      type('float32', [5]),
      null,
      null,
    ]);
    expect(r.errors).toEqual([]);
  });

  it('collects the ModelErrors of operators with the node, and goes on', () => {
    const model = makeModel(
      makeGraph({
        nodes: [
          makeNode('Add', ['x', 'k'], ['a'], { name: 'bad_add' }),
          makeNode('Relu', ['x'], ['b'], { name: 'fine' }),
        ],
        inputs: [typedValue('x', 'float32', [2])],
        initializers: { k: tensor('int64', [2], [1, 2]) },
      }),
    );
    const r = inferShapes(model, options);
    expect(r.errors).toEqual([
      { node: 'bad_add', opType: 'Add', message: 'Add of float32 and int64 (node bad_add)', code: 'invalid' },
    ]);
    expect(r.types.get('a')).toBeNull();
    expect(r.types.get('b')).toEqual(type('float32', [2]));
  });

  it('reports declared types that disagree with the inferred ones', () => {
    const model = flatten([2, 3, 4, 4]);
    model.graph.outputs[0] = typedValue('y', 'float32', [2, 'k', 47]);
    model.graph.valueInfo.set('n', typedValue('n', 'int32', []));
    const r = inferShapes(model, options);
    expect(r.conflicts.map((c) => c.message)).toEqual([
      'gather (Gather) gives "n" the type int64[], but the file declares int32[]',
      'reshape (Reshape) gives "y" the type float32[2, 48], but the file declares float32[2, k, 47]',
    ]);
  });

  it('runs Constant nodes, treats random ops as never constant, and folds only small values', () => {
    const big = tensor('float32', [300, 300], new Float32Array(90_000));
    const model = makeModel(
      makeGraph({
        nodes: [
          makeNode('Constant', [], ['c'], {
            attributes: { value: { type: 'tensor', value: tensor('float32', [2], [-1, 3]) } },
          }),
          makeNode('Relu', ['c'], ['rc']),
          makeNode('RandomUniformLike', ['c'], ['noise']),
          makeNode('Constant', [], ['big'], { attributes: { value: { type: 'tensor', value: big } } }),
          makeNode('Relu', ['big'], ['rbig']),
        ],
      }),
    );
    const r = inferShapes(model, options);
    expect(Array.from(r.constants.get('rc')!.data as Float32Array)).toEqual([0, 3]);
    expect(r.constantValues.has('noise')).toBe(false);
    expect(r.constants.has('big')).toBe(false);
    expect(r.constantValues).toEqual(new Set(['c', 'rc', 'big', 'rbig']));
    expect(r.types.get('rbig')).toEqual(type('float32', [300, 300]));
  });

  it('throws a ModelError for a cycle', () => {
    const model = flatten([2, 3, 4, 4]);
    model.graph.nodes[0].inputs[0] = 'y';
    expect(() => inferShapes(model, options)).toThrow(
      /cycle: shape → gather → unsqueeze → concat → reshape → shape/,
    );
  });

  it('recordShapes writes the inferred types of intermediate values into value_info', () => {
    const model = flatten([2, 3, 4, 4]);
    recordShapes(model.graph, inferShapes(model, options));
    expect([...model.graph.valueInfo.keys()]).toEqual(['s', 'n', 'n1', 'target']);
    expect(model.graph.valueInfo.get('n1')).toEqual(typedValue('n1', 'int64', [1]));
  });
});
