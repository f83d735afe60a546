// Tensors: a dtype, dims and a flat row-major typed array. Plain objects, so they cross Worker
// boundaries with structured clone (and their buffers can be transferred).

export type DType =
  | 'float32'
  | 'float16'
  | 'float64'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'bool'
  | 'string';

/**
 * Storage per dtype. float16 is held widened to float32 (it is converted back on export).
 * int64/uint64 are held as JS numbers in a Float64Array: exact up to 2^53, which covers every shape,
 * index and count a model uses; the INT64_MAX sentinels of Slice only ever clamp, so their rounding is harmless.
 * bool is 0/1 in a Uint8Array.
 */
export interface StorageOf {
  float32: Float32Array;
  float16: Float32Array;
  float64: Float64Array;
  int8: Int8Array;
  uint8: Uint8Array;
  int16: Int16Array;
  uint16: Uint16Array;
  int32: Int32Array;
  uint32: Uint32Array;
  int64: Float64Array;
  uint64: Float64Array;
  bool: Uint8Array;
  string: string[];
}

export type TensorData = StorageOf[DType];

export interface Tensor<D extends DType = DType> {
  dtype: D;
  dims: number[];
  data: StorageOf[D];
}

type NumericDType = Exclude<DType, 'string'>;

const CTOR: { [D in NumericDType]: new (n: number) => StorageOf[D] } = {
  float32: Float32Array,
  float16: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: Float64Array,
  uint64: Float64Array,
  bool: Uint8Array,
};

/** Bytes per element in an ONNX file (not in memory here: float16 is 2 bytes on disk, 4 here). */
export const BYTES_PER_ELEMENT: Record<DType, number> = {
  float32: 4,
  float16: 2,
  float64: 8,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
  bool: 1,
  string: 0,
};

export const isFloat = (d: DType) => d === 'float32' || d === 'float16' || d === 'float64';
export const isInteger = (d: DType) => !isFloat(d) && d !== 'bool' && d !== 'string';

/** Number of elements of a shape; 1 for a scalar (dims = []). */
export function numel(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

export function allocate<D extends DType>(dtype: D, n: number): StorageOf[D] {
  if (dtype === 'string') return new Array<string>(n).fill('') as StorageOf[D];
  return new CTOR[dtype as NumericDType](n) as StorageOf[D];
}

export function zeros<D extends DType>(dtype: D, dims: readonly number[]): Tensor<D> {
  return { dtype, dims: [...dims], data: allocate(dtype, numel(dims)) };
}

/** A tensor from values; numeric values are converted to the dtype's storage. */
export function tensor<D extends DType>(
  dtype: D,
  dims: readonly number[],
  values: ArrayLike<number> | string[],
): Tensor<D> {
  const n = numel(dims);
  if (values.length !== n)
    throw new RangeError(`tensor: ${values.length} values for shape [${dims.join(',')}] (${n} elements)`);
  const data = allocate(dtype, n);
  for (let i = 0; i < n; i++) (data as unknown as unknown[])[i] = values[i];
  return { dtype, dims: [...dims], data };
}

export function scalar<D extends DType>(dtype: D, value: number): Tensor<D> {
  return tensor(dtype, [], [value]);
}
