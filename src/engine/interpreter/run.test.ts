import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import type { Attribute, Graph, Model, Node, ValueInfo } from '../ir/graph';
import { tensor, type Tensor } from '../ir/tensor';
import { CancelledError, run, runAsync, type NodeRun } from './run';

const f32 = (dims: number[], data: number[]) => tensor('float32', dims, data);
const values = (t: Tensor) => Array.from(t.data as ArrayLike<number>);
const node = (
  opType: string,
  inputs: string[],
  outputs: string[],
  attributes: Record<string, Attribute> = {},
  name = opType,
): Node => ({
  name,
  opType,
  domain: '',
  inputs,
  outputs,
  attributes,
});
const input = (name: string, shape: (number | string)[] = [2]): ValueInfo => ({
  name,
  type: { dtype: 'float32', shape },
});

function model(
  nodes: Node[],
  inputs: ValueInfo[],
  outputs: string[],
  initializers: [string, Tensor][] = [],
  opset = 17,
): Model {
  const graph: Graph = {
    name: 'g',
    nodes,
    inputs,
    outputs: outputs.map((name) => ({ name, type: null })),
    initializers: new Map(initializers),
    valueInfo: new Map(),
  };
  return { irVersion: 8, opsets: { '': opset }, producerName: 't', producerVersion: '', graph, metadata: {} };
}

function expectModelError(fn: () => unknown, code: ModelError['code'], message: RegExp) {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ModelError);
  expect((error as ModelError).code).toBe(code);
  expect((error as ModelError).message).toMatch(message);
}

// y = relu(x · 2 + b) − x, with the nodes listed out of order
const chain = () =>
  model(
    [
      node('Sub', ['r', 'x'], ['y']),
      node('Relu', ['s'], ['r']),
      node('Add', ['m', 'b'], ['s']),
      node('Mul', ['x', 'two'], ['m']),
    ],
    [input('x'), input('b')],
    ['y'],
    [
      ['two', f32([], [2])],
      ['b', f32([2], [1, -10])],
    ],
  );

describe('run', () => {
  it('executes nodes in dependency order, with initializers as constants', () => {
    const y = run(chain(), { x: f32([2], [3, 4]) }).y;
    expect(values(y)).toEqual([Math.max(3 * 2 + 1, 0) - 3, Math.max(4 * 2 - 10, 0) - 4]);
  });

  it('lets a feed override an initializer that is also a graph input', () => {
    const y = run(chain(), { x: f32([2], [3, 4]), b: f32([2], [0, 0]) }).y;
    expect(values(y)).toEqual([3, 4]);
  });

  it('passes omitted optional inputs as null (Clip with only a max)', () => {
    const m = model(
      [node('Clip', ['x', '', 'hi'], ['y'])],
      [input('x', [3])],
      ['y'],
      [['hi', f32([], [0.5])]],
      13,
    );
    expect(values(run(m, { x: f32([3], [-4, 0.25, 9]) }).y)).toEqual([-4, 0.25, 0.5]);
  });

  it('returns any intermediate value asked for, or all of them', () => {
    const some = run(chain(), { x: f32([2], [3, 4]) }, { outputs: ['m', 'y'] });
    expect(Object.keys(some).sort()).toEqual(['m', 'y']);
    expect(values(some.m)).toEqual([6, 8]);
    const all = run(chain(), { x: f32([2], [3, 4]) }, { keepIntermediates: true });
    expect(Object.keys(all).sort()).toEqual(['m', 'r', 's', 'x', 'y']);
  });

  it('calls back after each node with its tensors, and frees intermediates after their last use', () => {
    const runs: NodeRun[] = [];
    run(chain(), { x: f32([2], [3, 4]) }, { onNode: (r) => runs.push(r) });
    expect(runs.map((r) => r.node.opType)).toEqual(['Mul', 'Add', 'Relu', 'Sub']);
    expect(runs.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(runs.every((r) => r.total === 4 && r.ms >= 0)).toBe(true);
    expect(values(runs[1].inputs[0]!)).toEqual([6, 8]);
    expect(values(runs[1].outputs[0])).toEqual([7, -2]);
    // 8 bytes per 2-element float32 value: x + m after Mul; x + s after Add (m freed); x + r; y (x freed)
    expect(runs.map((r) => r.liveBytes)).toEqual([16, 16, 16, 8]);
    const kept: number[] = [];
    run(chain(), { x: f32([2], [3, 4]) }, { keepIntermediates: true, onNode: (r) => kept.push(r.liveBytes) });
    expect(kept).toEqual([16, 24, 32, 40]);
  });

  it('drops outputs that nothing reads (a Dropout mask) right away', () => {
    const m = model([node('Dropout', ['x'], ['d', 'mask']), node('Neg', ['d'], ['y'])], [input('x')], ['y']);
    const live: number[] = [];
    run(m, { x: f32([2], [1, 2]) }, { onNode: (r) => live.push(r.liveBytes) });
    expect(live).toEqual([8, 8]); // after Dropout: d only (x was read for the last time; the 2-byte mask is dropped)
  });

  it('stops between nodes when the signal is aborted', () => {
    const signal = { aborted: false };
    const seen: string[] = [];
    const go = () =>
      run(
        chain(),
        { x: f32([2], [3, 4]) },
        {
          signal,
          onNode: (r) => {
            seen.push(r.node.opType);
            if (r.index === 1) signal.aborted = true;
          },
        },
      );
    expect(go).toThrow(CancelledError);
    expect(seen).toEqual(['Mul', 'Add']);
  });

  it('runAsync gives the event loop a turn, so a timer can cancel a long run', async () => {
    const nodes = Array.from({ length: 400 }, (_, i) =>
      node('Exp', [i ? `v${i}` : 'x'], [`v${i + 1}`], {}, `exp${i}`),
    );
    const m = model(nodes, [input('x', [1000])], ['v400']);
    const controller = new AbortController();
    const done: number[] = [];
    setTimeout(() => controller.abort(), 0);
    const result = runAsync(
      m,
      { x: tensor('float32', [1000], new Array(1000).fill(0)) },
      {
        signal: controller.signal,
        yieldEveryMs: 0,
        onNode: (r) => done.push(r.index),
      },
    );
    await expect(result).rejects.toThrow(CancelledError);
    expect(done.length).toBeGreaterThan(0);
    expect(done.length).toBeLessThan(400);
    const ok = await runAsync(model([node('Neg', ['x'], ['y'])], [input('x')], ['y']), {
      x: f32([2], [1, 2]),
    });
    expect(values(ok.y)).toEqual([-1, -2]);
  });

  it('rounds float16 results to half precision', () => {
    const m = model(
      [node('Add', ['a', 'b'], ['y'])],
      [{ name: 'a', type: { dtype: 'float16', shape: [1] } }],
      ['y'],
      [['b', tensor('float16', [1], [0])]],
    );
    expect(run(m, { a: tensor('float16', [1], [1 + 2 ** -12]) }).y.data[0]).toBe(1);
  });
});

describe('run rejects bad feeds with ModelError "input"', () => {
  const m = chain();
  it('unknown, missing, mistyped and misshapen inputs', () => {
    expectModelError(
      () => run(m, { x: f32([2], [1, 2]), z: f32([1], [0]) }),
      'input',
      /"z" is not an input of the model \(inputs: x, b\)/,
    );
    expectModelError(() => run(m, {}), 'input', /no value given for input "x"/);
    expectModelError(
      () => run(m, { x: tensor('int32', [2], [1, 2]) }),
      'input',
      /input "x" must be float32, got int32/,
    );
    expectModelError(() => run(m, { x: f32([3], [1, 2, 3]) }), 'input', /must have shape \[2\], got \[3\]/);
    expectModelError(
      () => run(m, { x: { dtype: 'float32', dims: [5], data: new Float32Array(2) } }),
      'input',
      /malformed/,
    );
    expectModelError(
      () => run(m, { x: f32([2], [1, 2]) }, { outputs: ['nope'] }),
      'input',
      /"nope" is not a value/,
    );
  });

  it('accepts any size for a symbolic dim', () => {
    const sym = model([node('Neg', ['x'], ['y'])], [input('x', ['batch', 2])], ['y']);
    expect(run(sym, { x: f32([3, 2], [1, 2, 3, 4, 5, 6]) }).y.dims).toEqual([3, 2]);
  });
});

describe('run rejects models it cannot execute', () => {
  it('unknown operators, naming the op and the node', () => {
    const m = model([node('FancyOp', ['x'], ['y'], {}, 'my_node')], [input('x')], ['y']);
    expectModelError(
      () => run(m, { x: f32([2], [1, 2]) }),
      'unsupported',
      /operator FancyOp is not supported.*node my_node/,
    );
    const contrib = model(
      [{ ...node('QuickGelu', ['x'], ['y']), domain: 'com.microsoft' }],
      [input('x')],
      ['y'],
    );
    expectModelError(() => run(contrib, { x: f32([2], [1, 2]) }), 'unsupported', /com\.microsoft::QuickGelu/);
  });

  it('subgraph operators: parsed and shown, "not executable here"', () => {
    const m = model(
      [node('If', ['c'], ['y'], {}, 'branch')],
      [{ name: 'c', type: { dtype: 'bool', shape: [] } }],
      ['y'],
    );
    expectModelError(
      () => run(m, { c: tensor('bool', [], [1]) }),
      'unsupported',
      /If runs a subgraph.*not executable here.*node branch/,
    );
  });

  it('cycles, values nobody produces, and double producers', () => {
    const cycle = model(
      [node('Neg', ['b'], ['a'], {}, 'n1'), node('Neg', ['a'], ['b'], {}, 'n2')],
      [],
      ['a'],
    );
    expectModelError(() => run(cycle, {}), 'invalid', /cycle through n1, n2/);
    const dangling = model([node('Neg', ['ghost'], ['y'], {}, 'reader')], [], ['y']);
    expectModelError(() => run(dangling, {}), 'invalid', /reads "ghost".*node reader/);
    const twice = model(
      [node('Neg', ['x'], ['y'], {}, 'p1'), node('Abs', ['x'], ['y'], {}, 'p2')],
      [input('x')],
      ['y'],
    );
    expectModelError(
      () => run(twice, { x: f32([2], [1, 2]) }),
      'invalid',
      /"y" is produced more than once.*node p2/,
    );
  });

  it('outputs an operator does not compute (BatchNormalization training statistics)', () => {
    const bn = node('BatchNormalization', ['x', 's', 'b', 'm', 'v'], ['y', 'running_mean']);
    const one = f32([1], [1]);
    const m = model(
      [bn],
      [input('x', [1, 1, 2])],
      ['y'],
      [
        ['s', one],
        ['b', one],
        ['m', one],
        ['v', one],
      ],
      15,
    );
    expectModelError(
      () => run(m, { x: f32([1, 1, 2], [1, 2]) }),
      'unsupported',
      /output 1 \("running_mean"\) is not computed/,
    );
  });

  it('operator errors name the node', () => {
    const m = model(
      [node('Reshape', ['x', 'shape'], ['y'], {}, 'bad_reshape')],
      [input('x', [6])],
      ['y'],
      [['shape', tensor('int64', [2], [4, 2])]],
    );
    expectModelError(
      () => run(m, { x: f32([6], [1, 2, 3, 4, 5, 6]) }),
      'invalid',
      /Reshape: cannot reshape \[6\].*node bad_reshape/,
    );
    const huge = model(
      [node('ConstantOfShape', ['s'], ['y'], {}, 'huge')],
      [],
      ['y'],
      [['s', tensor('int64', [2], [1e6, 1e6])]],
    );
    expectModelError(() => run(huge, {}), 'limit', /10{12} elements, above the limit.*node huge/);
  });
});
