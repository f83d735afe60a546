// Element-type names of the ONNX textual syntax.
import type { DType } from '../../ir/tensor';

export const TYPE_NAME: Record<DType, string> = {
  float32: 'float',
  float16: 'float16',
  float64: 'double',
  int8: 'int8',
  uint8: 'uint8',
  int16: 'int16',
  uint16: 'uint16',
  int32: 'int32',
  uint32: 'uint32',
  int64: 'int64',
  uint64: 'uint64',
  bool: 'bool',
  string: 'string',
};

export const DTYPE_OF_NAME = new Map(
  Object.entries(TYPE_NAME).map(([dtype, name]) => [name, dtype as DType]),
);
