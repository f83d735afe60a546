// Bad inputs never crash an operator: every registered op, fed random mixes of wrong tensors, missing
// inputs and ill-typed or out-of-range attributes, either computes or throws a ModelError that names the
// node — never a TypeError or RangeError from inside a kernel (DESIGN.md rule 5). Seeded, so reproducible.
import { describe, expect, it } from 'vitest';
import { isModelError } from '../errors';
import type { Attribute, Node } from '../ir/graph';
import { tensor, type Tensor } from '../ir/tensor';
import { seededRandom } from '../stats/rng';
import { lookupOp, supportedOps } from './registry';

const TENSORS: (Tensor | null)[] = [
  null,
  tensor('float32', [], [2.5]),
  tensor('float32', [2, 3], [1, -2, 3, -4, 5, -6]),
  tensor(
    'float32',
    [1, 2, 4, 4],
    Array.from({ length: 32 }, (_, i) => i / 7 - 2),
  ),
  tensor('float32', [0, 3], []),
  tensor('int64', [4], [2, -1, 0, 3]),
  tensor('int64', [2], [1e9, 1e9]),
  tensor('int64', [0], []),
  tensor('int64', [], [-7]),
  tensor('int32', [3], [0, 1, 5]),
  tensor(
    'uint8',
    [1, 2, 3, 3],
    Array.from({ length: 18 }, (_, i) => i * 13),
  ),
  tensor('int8', [2, 2], [-128, 127, 0, 5]),
  tensor('bool', [3], [1, 0, 1]),
  { dtype: 'string', dims: [2], data: ['a', 'b'] },
];

const ATTRIBUTES: [string, Attribute][] = [
  ['axis', { type: 'int', value: 7 }],
  ['axis', { type: 'int', value: -1 }],
  ['axis', { type: 'float', value: 1 }],
  ['axes', { type: 'ints', value: [0, 0] }],
  ['axes', { type: 'ints', value: [9] }],
  ['kernel_shape', { type: 'ints', value: [3, 3] }],
  ['kernel_shape', { type: 'ints', value: [0, -2] }],
  ['strides', { type: 'floats', value: [1, 1] }],
  ['strides', { type: 'ints', value: [0] }],
  ['pads', { type: 'ints', value: [-5, 1, 1, 1] }],
  ['dilations', { type: 'ints', value: [1e9, 1] }],
  ['group', { type: 'int', value: 0 }],
  ['group', { type: 'int', value: 3 }],
  ['perm', { type: 'ints', value: [0, 0] }],
  ['to', { type: 'int', value: 999 }],
  ['to', { type: 'int', value: 8 }],
  ['mode', { type: 'string', value: 'bogus' }],
  ['auto_pad', { type: 'string', value: 'SAME_UPPER' }],
  ['split', { type: 'ints', value: [1, 100] }],
  ['keepdims', { type: 'int', value: 5 }],
  ['value', { type: 'tensor', value: tensor('float32', [3], [1, 2, 3]) }],
  ['alpha', { type: 'string', value: 'x' }],
  ['num_outputs', { type: 'int', value: 0 }],
  ['transA', { type: 'int', value: 1 }],
];

describe('operators reject bad input with a ModelError, never a crash', () => {
  it.each(supportedOps())('%s', (key) => {
    // "com.microsoft::NhwcConv" for contrib ops, the bare op type for the default domain
    const [domain, opType] = key.includes('::') ? key.split('::') : ['', key];
    const op = lookupOp(domain, opType)!;
    const rng = seededRandom([...key].reduce((h, c) => h * 31 + c.charCodeAt(0), 7));
    const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)];
    for (let trial = 0; trial < 300; trial++) {
      const inputs = Array.from({ length: Math.floor(rng() * 6) }, () => pick(TENSORS));
      const attributes: Record<string, Attribute> = {};
      for (let k = Math.floor(rng() * 3); k > 0; k--) {
        const [name, value] = pick(ATTRIBUTES);
        attributes[name] = value;
      }
      const node: Node = {
        name: `fuzz_${trial}`,
        opType,
        domain,
        inputs: inputs.map((t, i) => (t ? `x${i}` : '')),
        outputs: ['y'],
        attributes,
      };
      const ctx = { node, opset: pick([7, 11, 13, 18, 21]) };
      for (const step of [
        () =>
          op.infer(
            ctx,
            inputs.map((t) => t && { dtype: t.dtype, shape: [...t.dims] }),
            inputs,
          ),
        () => op.run(ctx, inputs),
      ]) {
        try {
          step();
        } catch (e) {
          if (!isModelError(e)) {
            const setup = JSON.stringify({ attributes, inputs: inputs.map((t) => t && [t.dtype, t.dims]) });
            throw new Error(`${opType} crashed on trial ${trial}: ${String(e)}\n${setup}`, { cause: e });
          }
          expect(e.where.node).toBe(`fuzz_${trial}`);
        }
      }
    }
  });
});

describe('absurd output sizes are refused before anything is allocated', () => {
  const big = (opType: string, inputs: Tensor[], attributes: Record<string, Attribute> = {}) => {
    const node: Node = {
      name: 'huge',
      opType,
      domain: '',
      inputs: inputs.map((_, i) => `x${i}`),
      outputs: ['y'],
      attributes,
    };
    try {
      lookupOp('', opType)!.run({ node, opset: 18 }, inputs);
    } catch (e) {
      return e;
    }
    return null;
  };
  const i64 = (...v: number[]) => tensor('int64', [v.length], v);
  const f32 = (dims: number[]) => tensor('float32', dims, new Array(dims.reduce((a, b) => a * b, 1)).fill(1));

  it.each([
    ['ConstantOfShape', () => big('ConstantOfShape', [i64(1e6, 1e6)])],
    ['Expand', () => big('Expand', [f32([1]), i64(1e6, 1e6)])],
    ['Tile', () => big('Tile', [f32([2, 2]), i64(1e6, 1e6)])],
    [
      'Range',
      () =>
        big('Range', [tensor('float32', [], [0]), tensor('float32', [], [1e12]), tensor('float32', [], [1])]),
    ],
    ['Pad', () => big('Pad', [f32([2, 2]), i64(1e6, 1e6, 1e6, 1e6)])],
    [
      'Resize',
      () =>
        big('Resize', [
          f32([1, 1, 2, 2]),
          tensor('float32', [0], []),
          tensor('float32', [4], [1, 1, 1e6, 1e6]),
        ]),
    ],
    ['Gemm', () => big('Gemm', [f32([100000, 1]), f32([1, 100000])])],
    ['MatMul', () => big('MatMul', [f32([100000, 1]), f32([1, 100000])])],
    ['Add', () => big('Add', [f32([100000, 1]), f32([1, 100000])])],
  ])('%s', (_, attempt) => {
    const error = attempt();
    expect(isModelError(error) && error.code).toBe('limit');
    expect(String(error)).toMatch(/above the limit.*node huge/);
  });
});
