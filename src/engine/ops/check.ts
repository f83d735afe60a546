// Checks shared by every operator. Each failure is a ModelError that names the node (DESIGN.md rule 5),
// so a bad model never surfaces as a TypeError from deep inside a kernel.
import { ModelError } from '../errors';
import { allocate, numel, type DType, type Tensor } from '../ir/tensor';
import { MAX_RANK, MAX_TENSOR_ELEMENTS } from '../onnx/limits';
import type { OpContext } from './types';

export type NumericDType = Exclude<DType, 'string'>;
export type NumericTensor = Tensor<NumericDType>;
export type NumericData = NumericTensor['data'];

export const FLOATS: readonly DType[] = ['float32', 'float16', 'float64'];
export const INTEGERS: readonly DType[] = [
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
];
export const SIGNED: readonly DType[] = [...FLOATS, 'int8', 'int16', 'int32', 'int64'];
export const NUMERIC: readonly DType[] = [...FLOATS, ...INTEGERS];
/** Every dtype the interpreter computes on (strings are parsed and shown, never computed). */
export const ANY: readonly DType[] = [...NUMERIC, 'bool'];
export const INDEX: readonly DType[] = ['int32', 'int64'];

/** How errors name a node: its name, or its op type when the file left it unnamed. */
const nodeName = (ctx: OpContext) => ctx.node.name || ctx.node.opType;

export function fail(ctx: OpContext, message: string, field?: string): never {
  throw new ModelError('invalid', `${ctx.node.opType}: ${message}`, { node: nodeName(ctx), field });
}

export function unsupported(ctx: OpContext, message: string, field?: string): never {
  throw new ModelError('unsupported', `${ctx.node.opType}: ${message}`, { node: nodeName(ctx), field });
}

const inputField = (ctx: OpContext, i: number) => `input ${i} "${ctx.node.inputs[i] ?? ''}"`;

/** Input i, which the operator requires (works for tensors in run and for types in infer). */
export function required<T>(
  ctx: OpContext,
  inputs: readonly (T | null | undefined)[],
  i: number,
  name: string,
): T {
  const v = inputs[i];
  if (v == null) fail(ctx, `input ${i} (${name}) is required`, inputField(ctx, i));
  return v;
}

/** Optional input i, or null when omitted ('' or absent). */
export const optional = <T>(inputs: readonly (T | null | undefined)[], i: number): T | null =>
  inputs[i] ?? null;

export function checkDtype(ctx: OpContext, dtype: DType, allowed: readonly DType[], name: string): void {
  if (!allowed.includes(dtype)) fail(ctx, `${name} has type ${dtype}; expected one of ${allowed.join(', ')}`);
}

export function sameDtype(ctx: OpContext, a: DType, b: DType, names: string): void {
  if (a !== b) fail(ctx, `${names} must have the same type (got ${a} and ${b})`);
}

/** Narrows a tensor to numeric storage (string tensors are never computed on). */
export function numeric(ctx: OpContext, t: Tensor, name: string): NumericTensor {
  if (t.dtype === 'string') unsupported(ctx, `${name}: string tensors are not computed by the interpreter`);
  return t as NumericTensor;
}

/** Validates output dims before allocating them: non-negative integers, within the element limit. */
export function checkDims(ctx: OpContext, dims: readonly number[], what = 'output'): void {
  if (dims.length > MAX_RANK)
    throw new ModelError('limit', `${ctx.node.opType}: ${what} rank ${dims.length} exceeds ${MAX_RANK}`, {
      node: nodeName(ctx),
    });
  for (const d of dims)
    if (!Number.isSafeInteger(d) || d < 0)
      fail(ctx, `${what} shape [${dims.join(', ')}] has an invalid dimension ${d}`);
  const n = numel(dims);
  if (n > MAX_TENSOR_ELEMENTS)
    throw new ModelError(
      'limit',
      `${ctx.node.opType}: ${what} shape [${dims.join(', ')}] has ${n} elements, above the limit of ${MAX_TENSOR_ELEMENTS}`,
      { node: nodeName(ctx) },
    );
}

/** A zero-filled output tensor, after checking its size. */
export function output<D extends NumericDType>(ctx: OpContext, dtype: D, dims: readonly number[]): Tensor<D> {
  checkDims(ctx, dims);
  return { dtype, dims: [...dims], data: allocate(dtype, numel(dims)) };
}

/** A non-negative axis from one in [-rank, rank - 1]. */
export function axisIndex(ctx: OpContext, axis: number, rank: number, name = 'axis'): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank)
    fail(ctx, `${name} ${axis} is out of range for rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

/** The values of a 0-D or 1-D integer tensor (shapes, axes, pads, repeats…). */
export function intList(ctx: OpContext, t: Tensor, name: string): number[] {
  checkDtype(ctx, t.dtype, INDEX, name);
  if (t.dims.length > 1) fail(ctx, `${name} must be a 1-D tensor, got shape [${t.dims.join(', ')}]`);
  return Array.from(t.data as ArrayLike<number>);
}

/** The one value of a scalar (or one-element) tensor. */
export function scalarOf(ctx: OpContext, t: Tensor, name: string): number {
  if (t.data.length !== 1) fail(ctx, `${name} must hold exactly one value, got shape [${t.dims.join(', ')}]`);
  return Number(numeric(ctx, t, name).data[0]);
}

/** Row-major strides of a shape. */
export function stridesOf(dims: readonly number[]): number[] {
  const strides = new Array<number>(dims.length);
  let s = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= dims[i];
  }
  return strides;
}

/** A copy of x with other dims (same element count): outputs never alias inputs. */
export function withDims<T extends NumericTensor>(x: T, dims: readonly number[]): T {
  return { dtype: x.dtype, dims: [...dims], data: x.data.slice() } as T;
}

/** dst.set(src, offset) for two arrays of the same dtype (TypeScript cannot see that the union members match). */
export function copyInto(dst: NumericData, src: NumericData, offset: number): void {
  (dst as Float64Array).set(src as Float64Array, offset);
}
