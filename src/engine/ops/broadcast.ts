// ONNX multidirectional (numpy-style) broadcasting, docs/Broadcasting.md of the ONNX spec:
// shapes are aligned on the right; in each position the sizes must be equal or 1, and 1 stretches.
import type { Dim } from '../ir/graph';
import { fail, stridesOf } from './check';
import type { OpContext } from './types';

/** The broadcast shape of static shapes, or a ModelError when they are incompatible. */
export function broadcastShapes(ctx: OpContext, shapes: readonly (readonly number[])[]): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes)
    for (let i = 0; i < s.length; i++) {
      const o = rank - s.length + i;
      if (s[i] === out[o] || s[i] === 1) continue;
      if (out[o] !== 1)
        fail(
          ctx,
          `shapes ${shapes.map((x) => `[${x.join(', ')}]`).join(' and ')} cannot be broadcast together`,
        );
      out[o] = s[i];
    }
  return out;
}

/**
 * The broadcast shape of possibly symbolic shapes (for shape inference). A symbolic dim against a size
 * > 1 takes that size (it must be that size or 1); two different symbols give '?'. Unknown rank → null.
 */
export function broadcastDims(ctx: OpContext, shapes: readonly (readonly Dim[] | null)[]): Dim[] | null {
  if (shapes.some((s) => s === null)) return null;
  const known = shapes as readonly (readonly Dim[])[];
  const rank = Math.max(0, ...known.map((s) => s.length));
  const out: Dim[] = [];
  for (let o = 0; o < rank; o++) {
    const dims = known.map((s) => s[o - rank + s.length]).filter((d): d is Dim => d !== undefined && d !== 1);
    const sizes = [...new Set(dims.filter((d): d is number => typeof d === 'number'))];
    const names = [...new Set(dims.filter((d): d is string => typeof d === 'string'))];
    if (sizes.length > 1)
      fail(ctx, `shapes ${known.map((x) => `[${x.join(', ')}]`).join(' and ')} cannot be broadcast together`);
    out.push(sizes.length === 1 ? sizes[0] : names.length === 0 ? 1 : names.length === 1 ? names[0] : '?');
  }
  return out;
}

/**
 * For each flat index of the output shape, the flat index of the element of an input of shape `dims`
 * that broadcasts to it; null when the shapes are equal (the index is the identity).
 */
export function broadcastIndex(dims: readonly number[], outDims: readonly number[]): Int32Array | null {
  if (dims.length === outDims.length && dims.every((d, i) => d === outDims[i])) return null;
  const rank = outDims.length;
  const inStrides = stridesOf(dims);
  // stride of the input along each output axis; 0 where the input is broadcast (size 1 or missing)
  const strides = outDims.map((_, o) => {
    const i = o - rank + dims.length;
    return i < 0 || dims[i] === 1 ? 0 : inStrides[i];
  });
  let n = 1;
  for (const d of outDims) n *= d;
  const index = new Int32Array(n);
  const counter = new Array<number>(rank).fill(0);
  let at = 0;
  for (let k = 0; k < n; k++) {
    index[k] = at;
    // odometer: advance the last axis, carrying into the ones before it
    for (let a = rank - 1; a >= 0; a--) {
      counter[a]++;
      at += strides[a];
      if (counter[a] < outDims[a]) break;
      at -= strides[a] * counter[a];
      counter[a] = 0;
    }
  }
  return index;
}
