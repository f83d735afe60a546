// Factories for elementwise operators, so that each such operator file only states its formula.
// Binary and variadic ops broadcast their inputs (broadcast.ts).
import type { TypeInfo } from '../ir/graph';
import type { DType, Tensor } from '../ir/tensor';
import { broadcastDims, broadcastIndex, broadcastShapes } from './broadcast';
import {
  checkDtype,
  fail,
  numeric,
  output,
  required,
  sameDtype,
  type NumericDType,
  type NumericTensor,
} from './check';
import { like } from './infer';
import type { OpContext, OpDef } from './types';

export type Unary = (x: number) => number;
export type Binary = (a: number, b: number) => number;

/** y = f(x) elementwise; `make` builds f from the node (its attributes) and the input dtype. */
export function unaryOp(
  opType: string,
  dtypes: readonly DType[],
  make: (ctx: OpContext, dtype: DType) => Unary,
): OpDef {
  return {
    opType,
    domain: '',
    infer(ctx, inputs) {
      const x = required(ctx, inputs, 0, 'X');
      checkDtype(ctx, x.dtype, dtypes, 'X');
      make(ctx, x.dtype); // validates the attributes
      return [like(x)];
    },
    run(ctx, inputs) {
      const x = numeric(ctx, required(ctx, inputs, 0, 'X'), 'X');
      checkDtype(ctx, x.dtype, dtypes, 'X');
      const f = make(ctx, x.dtype);
      const y = output(ctx, x.dtype, x.dims);
      for (let i = 0; i < x.data.length; i++) y.data[i] = f(x.data[i]);
      return [y];
    },
  };
}

/** c = f(a, b) over the broadcast shape of a and b, into a tensor of the given dtype. */
export function broadcastBinary(
  ctx: OpContext,
  a: NumericTensor,
  b: NumericTensor,
  dtype: NumericDType,
  f: Binary,
): Tensor {
  const dims = broadcastShapes(ctx, [a.dims, b.dims]);
  const c = output(ctx, dtype, dims);
  const ia = broadcastIndex(a.dims, dims);
  const ib = broadcastIndex(b.dims, dims);
  const [x, y, z] = [a.data, b.data, c.data];
  for (let i = 0; i < z.length; i++) z[i] = f(x[ia ? ia[i] : i], y[ib ? ib[i] : i]);
  return c;
}

export interface BinarySpec {
  opType: string;
  /** Allowed dtypes of A (and of B, which must match A unless `rightDtypes` is given). */
  dtypes: readonly DType[];
  /** Allowed dtypes of B when it may differ from A (Pow's exponent). */
  rightDtypes?: readonly DType[];
  /** Comparison ops return bool; others return A's dtype. */
  returnsBool?: boolean;
  make: (ctx: OpContext, dtype: DType) => Binary;
}

function checkBinary(ctx: OpContext, spec: BinarySpec, a: DType, b: DType) {
  checkDtype(ctx, a, spec.dtypes, 'A');
  if (spec.rightDtypes) checkDtype(ctx, b, spec.rightDtypes, 'B');
  else sameDtype(ctx, a, b, 'A and B');
}

export function binaryOp(spec: BinarySpec): OpDef {
  const resultType = (a: DType): DType => (spec.returnsBool ? 'bool' : a);
  return {
    opType: spec.opType,
    domain: '',
    infer(ctx, inputs) {
      const a = required(ctx, inputs, 0, 'A');
      const b = required(ctx, inputs, 1, 'B');
      checkBinary(ctx, spec, a.dtype, b.dtype);
      return [{ dtype: resultType(a.dtype), shape: broadcastDims(ctx, [a.shape, b.shape]) }];
    },
    run(ctx, inputs) {
      const a = numeric(ctx, required(ctx, inputs, 0, 'A'), 'A');
      const b = numeric(ctx, required(ctx, inputs, 1, 'B'), 'B');
      checkBinary(ctx, spec, a.dtype, b.dtype);
      return [broadcastBinary(ctx, a, b, resultType(a.dtype) as NumericDType, spec.make(ctx, a.dtype))];
    },
  };
}

/**
 * Sum/Max/Min/Mean: one or more inputs broadcast together and folded pairwise with f;
 * `finish` maps the folded value (Mean divides by the count).
 */
export function variadicOp(
  opType: string,
  dtypes: readonly DType[],
  f: Binary,
  finish?: (v: number, count: number) => number,
): OpDef {
  const check = (ctx: OpContext, types: DType[]) => {
    if (types.length === 0) fail(ctx, 'needs at least one input');
    for (const t of types) {
      checkDtype(ctx, t, dtypes, 'inputs');
      sameDtype(ctx, types[0], t, 'all inputs');
    }
  };
  return {
    opType,
    domain: '',
    infer(ctx, inputs) {
      const types = inputs.map((_, i) => required(ctx, inputs, i, `data_${i}`));
      check(
        ctx,
        types.map((t) => t.dtype),
      );
      return [
        {
          dtype: types[0].dtype,
          shape: broadcastDims(
            ctx,
            types.map((t: TypeInfo) => t.shape),
          ),
        },
      ];
    },
    run(ctx, inputs) {
      const xs = inputs.map((_, i) => numeric(ctx, required(ctx, inputs, i, `data_${i}`), `data_${i}`));
      check(
        ctx,
        xs.map((t) => t.dtype),
      );
      let acc: NumericTensor = xs[0];
      for (const x of xs.slice(1)) acc = broadcastBinary(ctx, acc, x, acc.dtype, f) as NumericTensor;
      if (xs.length === 1)
        acc = { dtype: acc.dtype, dims: [...acc.dims], data: acc.data.slice() } as NumericTensor;
      if (finish) for (let i = 0; i < acc.data.length; i++) acc.data[i] = finish(acc.data[i], xs.length);
      return [acc];
    },
  };
}
