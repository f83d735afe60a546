// Operators against onnxruntime on single-node models, for the attributes, opsets and dtypes the ONNX
// conformance data does not exercise (groups, dilations, 1-D/3-D windows, ceil mode, pad modes, resize
// modes, per-axis quantization, attribute-era opsets …). Inputs are seeded random; values listed in a case
// are constant initializers. Tolerance: integers and bools exact; floats |a − b| ≤ 1e-5 + 1e-4·|b|
// (onnxruntime computes in float32, the interpreter in float64 rounded once).
import { describe, expect, it } from 'vitest';
import { runOrt } from '../../../scripts/testing/ort';
import { mismatch } from '../conformance/compare';
import type { Attribute, Model, Node } from '../ir/graph';
import { tensor, type DType, type Tensor } from '../ir/tensor';
import { encodeModel } from '../onnx/encode';
import { run } from '../interpreter/run';
import { randomTensor } from '../ir/randomTensor';
import { seededRandom } from '../stats/rng';
import { lookupOp } from './registry';

type NumericDType = Exclude<DType, 'string'>;

interface InputSpec {
  dtype?: NumericDType;
  dims: number[];
  /** Constant values (an initializer); otherwise a seeded random graph input. */
  values?: number[];
  range?: [number, number];
}

interface Case {
  name: string;
  op: string;
  opset: number;
  attrs?: Record<string, Attribute>;
  /** null = an omitted optional input. */
  inputs: (InputSpec | null)[];
  outputs?: number;
}

const ints = (...value: number[]): Attribute => ({ type: 'ints', value });
const int = (value: number): Attribute => ({ type: 'int', value });
const float = (value: number): Attribute => ({ type: 'float', value });
const str = (value: string): Attribute => ({ type: 'string', value });
const f = (...dims: number[]): InputSpec => ({ dims });
const i64 = (...values: number[]): InputSpec => ({ dtype: 'int64', dims: [values.length], values });
const f32c = (dims: number[], values: number[]): InputSpec => ({ dims, values });
const positive = (...dims: number[]): InputSpec => ({ dims, range: [0.1, 3] });

const CASES: Case[] = [
  // convolution
  {
    name: 'Conv 2-D, groups 2, dilations, asymmetric pads, strides, bias',
    op: 'Conv',
    opset: 17,
    attrs: { group: int(2), dilations: ints(2, 1), pads: ints(1, 0, 2, 1), strides: ints(2, 1) },
    inputs: [f(2, 4, 9, 8), f(6, 2, 3, 2), f(6)],
  },
  {
    name: 'Conv depthwise 3×3 stride 2',
    op: 'Conv',
    opset: 17,
    attrs: { group: int(6), pads: ints(1, 1, 1, 1), strides: ints(2, 2) },
    inputs: [f(1, 6, 10, 11), f(6, 1, 3, 3), f(6)],
  },
  {
    name: 'Conv 1-D, dilation 2, stride 2',
    op: 'Conv',
    opset: 17,
    attrs: { strides: ints(2), pads: ints(1, 2), dilations: ints(2) },
    inputs: [f(2, 3, 11), f(4, 3, 3)],
  },
  {
    name: 'Conv 3-D, SAME_LOWER',
    op: 'Conv',
    opset: 17,
    attrs: { auto_pad: str('SAME_LOWER'), strides: ints(1, 2, 2) },
    inputs: [f(1, 2, 5, 6, 7), f(3, 2, 2, 3, 2)],
  },
  {
    name: 'Conv VALID with dilation',
    op: 'Conv',
    opset: 11,
    attrs: { auto_pad: str('VALID'), dilations: ints(2, 3) },
    inputs: [f(1, 3, 12, 12), f(2, 3, 3, 3)],
  },
  {
    name: 'Conv SAME_UPPER stride 3',
    op: 'Conv',
    opset: 17,
    attrs: { auto_pad: str('SAME_UPPER'), strides: ints(3, 3) },
    inputs: [f(1, 2, 10, 8), f(4, 2, 4, 4)],
  },
  {
    name: 'ConvInteger uint8 with zero points',
    op: 'ConvInteger',
    opset: 10,
    attrs: { pads: ints(1, 1, 1, 1) },
    inputs: [
      { dtype: 'uint8', dims: [1, 2, 5, 5] },
      { dtype: 'uint8', dims: [3, 2, 3, 3] },
      { dtype: 'uint8', dims: [], values: [7] },
      { dtype: 'uint8', dims: [], values: [128] },
    ],
  },
  {
    name: 'QLinearConv per-channel weight scales, bias',
    op: 'QLinearConv',
    opset: 10,
    attrs: { pads: ints(1, 1, 1, 1), strides: ints(2, 2) },
    inputs: [
      { dtype: 'uint8', dims: [1, 3, 7, 7] },
      f32c([], [0.02]),
      { dtype: 'uint8', dims: [], values: [120] },
      { dtype: 'int8', dims: [4, 3, 3, 3] },
      f32c([4], [0.01, 0.02, 0.005, 0.03]),
      { dtype: 'int8', dims: [4], values: [0, 0, 0, 0] },
      f32c([], [0.05]),
      { dtype: 'uint8', dims: [], values: [128] },
      { dtype: 'int32', dims: [4], values: [100, -200, 0, 3000] },
    ],
  },
  // pooling
  {
    name: 'MaxPool ceil mode, dilations, pads, Indices',
    op: 'MaxPool',
    opset: 12,
    outputs: 2,
    attrs: {
      kernel_shape: ints(3, 2),
      strides: ints(2, 2),
      dilations: ints(1, 2),
      pads: ints(1, 0, 1, 1),
      ceil_mode: int(1),
    },
    inputs: [f(2, 3, 9, 10)],
  },
  {
    name: 'MaxPool 1-D',
    op: 'MaxPool',
    opset: 12,
    attrs: { kernel_shape: ints(3), strides: ints(2), pads: ints(1, 1) },
    inputs: [f(1, 2, 9)],
  },
  {
    name: 'MaxPool 3-D SAME_UPPER',
    op: 'MaxPool',
    opset: 12,
    attrs: { kernel_shape: ints(2, 3, 3), strides: ints(2, 2, 2), auto_pad: str('SAME_UPPER') },
    inputs: [f(1, 2, 5, 6, 7)],
  },
  {
    name: 'MaxPool int8',
    op: 'MaxPool',
    opset: 12,
    attrs: { kernel_shape: ints(2, 2), strides: ints(2, 2) },
    inputs: [{ dtype: 'int8', dims: [1, 2, 6, 6] }],
  },
  {
    name: 'AveragePool count_include_pad with ceil mode',
    op: 'AveragePool',
    opset: 19,
    attrs: {
      kernel_shape: ints(3, 3),
      strides: ints(2, 2),
      pads: ints(1, 1, 1, 1),
      count_include_pad: int(1),
      ceil_mode: int(1),
    },
    inputs: [f(1, 2, 8, 9)],
  },
  {
    name: 'AveragePool 1-D excluding pads',
    op: 'AveragePool',
    opset: 11,
    attrs: { kernel_shape: ints(4), strides: ints(3), pads: ints(2, 1) },
    inputs: [f(2, 3, 13)],
  },
  { name: 'GlobalMaxPool 1-D', op: 'GlobalMaxPool', opset: 13, inputs: [f(2, 3, 7)] },
  { name: 'GlobalAveragePool 3-D', op: 'GlobalAveragePool', opset: 13, inputs: [f(1, 3, 2, 3, 4)] },
  // resize
  {
    name: 'Resize linear half_pixel upsample',
    op: 'Resize',
    opset: 13,
    attrs: { mode: str('linear') },
    inputs: [f(1, 2, 4, 5), null, f32c([4], [1, 1, 2, 1.5])],
  },
  {
    name: 'Resize linear align_corners to sizes',
    op: 'Resize',
    opset: 13,
    attrs: { mode: str('linear'), coordinate_transformation_mode: str('align_corners') },
    inputs: [f(1, 1, 4, 5), null, null, i64(1, 1, 7, 3)],
  },
  {
    name: 'Resize nearest asymmetric floor',
    op: 'Resize',
    opset: 13,
    attrs: { coordinate_transformation_mode: str('asymmetric'), nearest_mode: str('floor') },
    inputs: [f(1, 1, 3, 4), null, f32c([4], [1, 1, 2, 3])],
  },
  {
    name: 'Resize nearest round_prefer_ceil downsample',
    op: 'Resize',
    opset: 13,
    attrs: { nearest_mode: str('round_prefer_ceil') },
    inputs: [f(1, 1, 8, 8), null, f32c([4], [1, 1, 0.5, 0.375])],
  },
  {
    name: 'Resize cubic A=-0.5 exclude_outside',
    op: 'Resize',
    opset: 13,
    attrs: { mode: str('cubic'), cubic_coeff_a: float(-0.5), exclude_outside: int(1) },
    inputs: [f(1, 1, 4, 4), null, f32c([4], [1, 1, 2, 1.5])],
  },
  {
    name: 'Resize cubic pytorch_half_pixel sizes',
    op: 'Resize',
    opset: 13,
    attrs: { mode: str('cubic'), coordinate_transformation_mode: str('pytorch_half_pixel') },
    inputs: [f(1, 2, 5, 4), null, null, i64(1, 2, 3, 9)],
  },
  {
    name: 'Resize opset 11 with empty roi and scales',
    op: 'Resize',
    opset: 11,
    attrs: { mode: str('linear') },
    inputs: [f(1, 1, 3, 3), f32c([0], []), f32c([4], [1, 1, 2, 2])],
  },
  {
    name: 'Resize opset 19 half_pixel_symmetric linear',
    op: 'Resize',
    opset: 19,
    attrs: { mode: str('linear'), coordinate_transformation_mode: str('half_pixel_symmetric') },
    inputs: [f(1, 1, 4, 5), null, f32c([4], [1, 1, 1.7, 0.6])],
  },
  {
    name: 'Resize opset 18 sizes on axes with not_larger',
    op: 'Resize',
    opset: 18,
    attrs: { mode: str('linear'), axes: ints(2, 3), keep_aspect_ratio_policy: str('not_larger') },
    inputs: [f(1, 2, 4, 6), null, null, i64(9, 9)],
  },
  // padding
  {
    name: 'Pad reflect',
    op: 'Pad',
    opset: 18,
    attrs: { mode: str('reflect') },
    inputs: [f(2, 4, 5), i64(0, 2, 1, 0, 3, 2)],
  },
  {
    name: 'Pad edge',
    op: 'Pad',
    opset: 13,
    attrs: { mode: str('edge') },
    inputs: [f(3, 4), i64(2, 0, 1, 3)],
  },
  {
    name: 'Pad wrap',
    op: 'Pad',
    opset: 19,
    attrs: { mode: str('wrap') },
    inputs: [f(3, 4), i64(1, 2, 2, 1)],
  },
  {
    name: 'Pad constant with value and negative pads',
    op: 'Pad',
    opset: 13,
    inputs: [f(3, 5), i64(1, -1, -1, 2), f32c([], [1.5])],
  },
  {
    name: 'Pad opset 2 attributes',
    op: 'Pad',
    opset: 2,
    attrs: { pads: ints(0, 1, 1, 0), value: float(-2) },
    inputs: [f(2, 3)],
  },
  // opset differences
  { name: 'Softmax opset 11 flattens from axis 1', op: 'Softmax', opset: 11, inputs: [f(2, 3, 4)] },
  {
    name: 'Softmax opset 11 axis 2',
    op: 'Softmax',
    opset: 11,
    attrs: { axis: int(2) },
    inputs: [f(2, 3, 4)],
  },
  {
    name: 'Softmax opset 13 axis 1',
    op: 'Softmax',
    opset: 13,
    attrs: { axis: int(1) },
    inputs: [f(2, 3, 4)],
  },
  { name: 'LogSoftmax opset 13', op: 'LogSoftmax', opset: 13, inputs: [f(3, 5)] },
  {
    name: 'Clip opset 6 attributes',
    op: 'Clip',
    opset: 6,
    attrs: { min: float(-0.3), max: float(0.4) },
    inputs: [f(4, 5)],
  },
  { name: 'Clip opset 13 max only', op: 'Clip', opset: 13, inputs: [f(4, 5), null, f32c([], [0.2])] },
  {
    name: 'Split opset 11 split attribute',
    op: 'Split',
    opset: 11,
    outputs: 3,
    attrs: { axis: int(1), split: ints(1, 3, 2) },
    inputs: [f(2, 6)],
  },
  {
    name: 'Split opset 13 equal parts',
    op: 'Split',
    opset: 13,
    outputs: 2,
    attrs: { axis: int(-1) },
    inputs: [f(2, 3, 4)],
  },
  {
    name: 'Split opset 18 num_outputs uneven',
    op: 'Split',
    opset: 18,
    outputs: 3,
    attrs: { num_outputs: int(3) },
    inputs: [f(7, 2)],
  },
  {
    name: 'Squeeze opset 11 axes attribute',
    op: 'Squeeze',
    opset: 11,
    attrs: { axes: ints(0, -1) },
    inputs: [f(1, 3, 1)],
  },
  { name: 'Squeeze all size-1 axes', op: 'Squeeze', opset: 13, inputs: [f(1, 3, 1, 2)] },
  {
    name: 'Unsqueeze opset 11 axes attribute',
    op: 'Unsqueeze',
    opset: 11,
    attrs: { axes: ints(0, 3) },
    inputs: [f(2, 3)],
  },
  {
    name: 'ReduceMean opset 13 axes attribute, keepdims 0',
    op: 'ReduceMean',
    opset: 13,
    attrs: { axes: ints(1, -1), keepdims: int(0) },
    inputs: [f(2, 3, 4)],
  },
  { name: 'ReduceMean opset 18 axes input', op: 'ReduceMean', opset: 18, inputs: [f(2, 3, 4), i64(0, 2)] },
  { name: 'ReduceMean all axes', op: 'ReduceMean', opset: 18, inputs: [f(2, 3, 4)] },
  {
    name: 'ReduceSum opset 13 noop_with_empty_axes',
    op: 'ReduceSum',
    opset: 13,
    attrs: { noop_with_empty_axes: int(1) },
    inputs: [f(2, 3)],
  },
  {
    name: 'ReduceSum opset 11 attribute',
    op: 'ReduceSum',
    opset: 11,
    attrs: { axes: ints(0) },
    inputs: [f(3, 4)],
  },
  {
    name: 'ReduceMax',
    op: 'ReduceMax',
    opset: 18,
    attrs: { keepdims: int(0) },
    inputs: [f(3, 4, 2), i64(1)],
  },
  { name: 'ReduceMin', op: 'ReduceMin', opset: 13, attrs: { axes: ints(2) }, inputs: [f(3, 4, 2)] },
  { name: 'ReduceProd', op: 'ReduceProd', opset: 13, attrs: { axes: ints(0) }, inputs: [f(3, 4)] },
  { name: 'ReduceL2', op: 'ReduceL2', opset: 13, attrs: { axes: ints(1) }, inputs: [f(3, 4)] },
  {
    name: 'Slice negative steps and axes',
    op: 'Slice',
    opset: 13,
    inputs: [f(5, 6, 7), i64(-1, 5), i64(-6, 0), i64(-1, 1), i64(-2, -2)],
  },
  {
    name: 'Slice opset 9 attributes',
    op: 'Slice',
    opset: 9,
    attrs: { starts: ints(1, 0), ends: ints(1000, -1), axes: ints(0, 1) },
    inputs: [f(4, 5)],
  },
  { name: 'Reshape opset 13 with 0 and -1', op: 'Reshape', opset: 13, inputs: [f(2, 3, 4), i64(0, -1, 2)] },
  { name: 'Dropout opset 13 with mask', op: 'Dropout', opset: 13, outputs: 2, inputs: [f(3, 4)] },
  { name: 'Dropout opset 7', op: 'Dropout', opset: 7, inputs: [f(3, 4)] },
  // linear algebra
  {
    name: 'Gemm transA, transB, alpha, beta, row bias',
    op: 'Gemm',
    opset: 13,
    attrs: { transA: int(1), transB: int(1), alpha: float(0.5), beta: float(2) },
    inputs: [f(4, 3), f(5, 4), f(1, 5)],
  },
  { name: 'Gemm without C', op: 'Gemm', opset: 13, inputs: [f(3, 4), f(4, 2)] },
  { name: 'MatMul batch broadcast', op: 'MatMul', opset: 13, inputs: [f(2, 1, 3, 4), f(5, 4, 2)] },
  {
    name: 'MatMul int32',
    op: 'MatMul',
    opset: 13,
    inputs: [
      { dtype: 'int32', dims: [3, 4] },
      { dtype: 'int32', dims: [4, 2] },
    ],
  },
  {
    name: 'MatMulInteger per-column b zero point',
    op: 'MatMulInteger',
    opset: 10,
    inputs: [
      { dtype: 'uint8', dims: [3, 4] },
      { dtype: 'uint8', dims: [4, 2] },
      { dtype: 'uint8', dims: [], values: [3] },
      { dtype: 'uint8', dims: [2], values: [100, 7] },
    ],
  },
  {
    name: 'MatMulInteger int8 batched',
    op: 'MatMulInteger',
    opset: 10,
    inputs: [
      { dtype: 'int8', dims: [2, 3, 4] },
      { dtype: 'int8', dims: [4, 5] },
    ],
  },
  {
    name: 'QLinearMatMul int8',
    op: 'QLinearMatMul',
    opset: 10,
    inputs: [
      { dtype: 'int8', dims: [2, 5] },
      f32c([], [0.03]),
      { dtype: 'int8', dims: [], values: [-3] },
      { dtype: 'int8', dims: [5, 3] },
      f32c([], [0.02]),
      { dtype: 'int8', dims: [], values: [0] },
      f32c([], [0.1]),
      { dtype: 'int8', dims: [], values: [5] },
    ],
  },
  {
    name: 'QLinearMatMul uint8 with per-column b scale',
    op: 'QLinearMatMul',
    opset: 21,
    inputs: [
      { dtype: 'uint8', dims: [3, 4] },
      f32c([], [0.05]),
      { dtype: 'uint8', dims: [], values: [128] },
      { dtype: 'uint8', dims: [4, 2] },
      f32c([2], [0.01, 0.03]),
      { dtype: 'uint8', dims: [2], values: [120, 130] },
      f32c([], [0.2]),
      { dtype: 'uint8', dims: [], values: [100] },
    ],
  },
  // normalization
  {
    name: 'BatchNormalization on [N, C, L]',
    op: 'BatchNormalization',
    opset: 15,
    attrs: { epsilon: float(1e-3) },
    inputs: [f(2, 3, 5), f(3), f(3), f(3), positive(3)],
  },
  {
    name: 'LayerNormalization axis 1 with Mean and InvStdDev',
    op: 'LayerNormalization',
    opset: 17,
    outputs: 3,
    attrs: { axis: int(1) },
    inputs: [f(2, 3, 4), f(3, 4), f(3, 4)],
  },
  {
    name: 'LayerNormalization without B',
    op: 'LayerNormalization',
    opset: 17,
    attrs: { epsilon: float(1e-3) },
    inputs: [f(4, 6), f(6)],
  },
  // quantization
  {
    name: 'QuantizeLinear per-axis int8 (axis 0)',
    op: 'QuantizeLinear',
    opset: 13,
    attrs: { axis: int(0) },
    inputs: [
      { dims: [3, 4], range: [-5, 5] },
      f32c([3], [0.01, 0.05, 0.2]),
      { dtype: 'int8', dims: [3], values: [0, 10, -4] },
    ],
  },
  {
    name: 'QuantizeLinear default uint8',
    op: 'QuantizeLinear',
    opset: 13,
    inputs: [{ dims: [10], range: [-1, 4] }, f32c([], [0.02])],
  },
  {
    name: 'DequantizeLinear per-axis uint8 (axis 1)',
    op: 'DequantizeLinear',
    opset: 13,
    attrs: { axis: int(1) },
    inputs: [
      { dtype: 'uint8', dims: [2, 3, 2] },
      f32c([3], [0.1, 0.2, 0.05]),
      { dtype: 'uint8', dims: [3], values: [128, 0, 255] },
    ],
  },
  {
    name: 'DequantizeLinear int32',
    op: 'DequantizeLinear',
    opset: 13,
    inputs: [{ dtype: 'int32', dims: [6], range: [-1000, 1000] }, f32c([], [0.001])],
  },
  // shape and data movement
  { name: 'Expand', op: 'Expand', opset: 13, inputs: [f(3, 1), i64(2, 1, 4)] },
  { name: 'Tile', op: 'Tile', opset: 13, inputs: [f(2, 3), i64(3, 2)] },
  {
    name: 'Gather axis 1, 2-D negative indices',
    op: 'Gather',
    opset: 13,
    attrs: { axis: int(1) },
    inputs: [f(2, 5, 3), { dtype: 'int64', dims: [2, 2], values: [0, -1, 3, -5] }],
  },
  {
    name: 'Transpose',
    op: 'Transpose',
    opset: 13,
    attrs: { perm: ints(2, 0, 3, 1) },
    inputs: [f(2, 3, 4, 5)],
  },
  {
    name: 'Concat negative axis',
    op: 'Concat',
    opset: 13,
    attrs: { axis: int(-2) },
    inputs: [f(2, 1, 3), f(2, 4, 3), f(2, 2, 3)],
  },
  { name: 'Flatten axis 0', op: 'Flatten', opset: 13, attrs: { axis: int(0) }, inputs: [f(2, 3, 4)] },
  {
    name: 'Shape with start and end',
    op: 'Shape',
    opset: 15,
    attrs: { start: int(1), end: int(-1) },
    inputs: [f(2, 3, 4, 5)],
  },
  {
    name: 'ConstantOfShape int64 value',
    op: 'ConstantOfShape',
    opset: 13,
    attrs: { value: { type: 'tensor', value: tensor('int64', [1], [7]) } },
    inputs: [i64(2, 3)],
  },
  {
    name: 'Constant value_floats',
    op: 'Constant',
    opset: 13,
    attrs: { value_floats: { type: 'floats', value: [1.5, -2] } },
    inputs: [],
  },
  {
    name: 'Range int64',
    op: 'Range',
    opset: 13,
    inputs: [
      { dtype: 'int64', dims: [], values: [10] },
      { dtype: 'int64', dims: [], values: [-3] },
      { dtype: 'int64', dims: [], values: [-4] },
    ],
  },
  { name: 'Range float', op: 'Range', opset: 13, inputs: [f32c([], [0.5]), f32c([], [3]), f32c([], [0.7])] },
  {
    name: 'Where with broadcast',
    op: 'Where',
    opset: 16,
    inputs: [{ dtype: 'bool', dims: [3, 1] }, f(3, 4), f(4)],
  },
  {
    name: 'Cast float to int32 truncates',
    op: 'Cast',
    opset: 13,
    attrs: { to: int(6) },
    inputs: [{ dims: [12], range: [-50, 50] }],
  },
  {
    name: 'Cast float to bool',
    op: 'Cast',
    opset: 13,
    attrs: { to: int(9) },
    inputs: [{ dims: [6], values: [0, -0, 1.5, -2, 0, 3] }],
  },
  {
    name: 'Cast int64 to float',
    op: 'Cast',
    opset: 13,
    attrs: { to: int(1) },
    inputs: [{ dtype: 'int64', dims: [5] }],
  },
  {
    name: 'CastLike',
    op: 'CastLike',
    opset: 15,
    inputs: [
      { dims: [6], range: [-5, 5] },
      { dtype: 'int32', dims: [1], values: [0] },
    ],
  },
  {
    name: 'ArgMax select_last_index with ties',
    op: 'ArgMax',
    opset: 13,
    attrs: { axis: int(1), select_last_index: int(1) },
    inputs: [{ dtype: 'int32', dims: [3, 6], range: [0, 2] }],
  },
  {
    name: 'ArgMin keepdims 0',
    op: 'ArgMin',
    opset: 13,
    attrs: { axis: int(-1), keepdims: int(0) },
    inputs: [f(3, 4)],
  },
  // elementwise
  ...(
    ['Abs', 'Neg', 'Exp', 'Erf', 'Relu', 'Sigmoid', 'Tanh', 'Softplus', 'HardSwish', 'Floor', 'Ceil'] as const
  ).map((op): Case => ({ name: op, op, opset: 14, inputs: [{ dims: [3, 7], range: [-4, 4] }] })),
  { name: 'Sqrt', op: 'Sqrt', opset: 13, inputs: [positive(10)] },
  { name: 'Log', op: 'Log', opset: 13, inputs: [positive(10)] },
  { name: 'Reciprocal', op: 'Reciprocal', opset: 13, inputs: [positive(10)] },
  { name: 'LeakyRelu alpha', op: 'LeakyRelu', opset: 16, attrs: { alpha: float(0.2) }, inputs: [f(10)] },
  { name: 'Elu alpha', op: 'Elu', opset: 6, attrs: { alpha: float(0.7) }, inputs: [f(10)] },
  { name: 'Selu', op: 'Selu', opset: 6, inputs: [f(10)] },
  {
    name: 'HardSigmoid',
    op: 'HardSigmoid',
    opset: 6,
    attrs: { alpha: float(0.3), beta: float(0.4) },
    inputs: [{ dims: [10], range: [-4, 4] }],
  },
  {
    name: 'Gelu tanh',
    op: 'Gelu',
    opset: 20,
    attrs: { approximate: str('tanh') },
    inputs: [{ dims: [10], range: [-4, 4] }],
  },
  { name: 'Gelu erf', op: 'Gelu', opset: 20, inputs: [{ dims: [10], range: [-4, 4] }] },
  { name: 'PRelu with channel slope', op: 'PRelu', opset: 16, inputs: [f(2, 3, 4), f(3, 1)] },
  { name: 'Relu int8', op: 'Relu', opset: 14, inputs: [{ dtype: 'int8', dims: [10] }] },
  {
    name: 'Div int32 truncates',
    op: 'Div',
    opset: 14,
    inputs: [
      { dtype: 'int32', dims: [8], range: [-50, 50] },
      { dtype: 'int32', dims: [8], values: [3, -3, 7, -7, 2, 5, -4, 9] },
    ],
  },
  {
    name: 'Pow float base, int exponent',
    op: 'Pow',
    opset: 15,
    inputs: [f(6), { dtype: 'int32', dims: [6], values: [0, 1, 2, 3, -1, -2] }],
  },
  { name: 'Sum of three with broadcast', op: 'Sum', opset: 13, inputs: [f(2, 3), f(3), f(2, 1)] },
  {
    name: 'Max int64',
    op: 'Max',
    opset: 13,
    inputs: [
      { dtype: 'int64', dims: [4] },
      { dtype: 'int64', dims: [4] },
    ],
  },
  { name: 'Mean', op: 'Mean', opset: 13, inputs: [f(4), f(1)] },
  {
    name: 'Equal int64',
    op: 'Equal',
    opset: 13,
    inputs: [
      { dtype: 'int64', dims: [9], range: [0, 2] },
      { dtype: 'int64', dims: [1], values: [1] },
    ],
  },
  {
    name: 'And',
    op: 'And',
    opset: 7,
    inputs: [
      { dtype: 'bool', dims: [6] },
      { dtype: 'bool', dims: [6] },
    ],
  },
  { name: 'Not', op: 'Not', opset: 1, inputs: [{ dtype: 'bool', dims: [6] }] },
  {
    name: 'Or',
    op: 'Or',
    opset: 7,
    inputs: [
      { dtype: 'bool', dims: [2, 3] },
      { dtype: 'bool', dims: [3] },
    ],
  },
];

/** A one-node model; output types come from the operator's own infer() with the constant values. */
function singleNode(c: Case, seed: number): { model: Model; feeds: Record<string, Tensor> } {
  const rng = seededRandom(seed);
  const initializers = new Map<string, Tensor>();
  const feeds: Record<string, Tensor> = {};
  const names = c.inputs.map((spec, i) => {
    if (!spec) return '';
    const name = `in${i}`;
    const dtype = spec.dtype ?? 'float32';
    if (spec.values) initializers.set(name, tensor(dtype, spec.dims, spec.values));
    else feeds[name] = randomTensor(dtype, spec.dims, rng, spec.range);
    return name;
  });
  const node: Node = {
    name: 'n',
    opType: c.op,
    domain: '',
    inputs: names,
    outputs: Array.from({ length: c.outputs ?? 1 }, (_, k) => `out${k}`),
    attributes: c.attrs ?? {},
  };
  const values = names.map((n) => (n ? (initializers.get(n) ?? feeds[n]) : null));
  const types = values.map((t) => (t ? { dtype: t.dtype, shape: [...t.dims] } : null));
  const outTypes = lookupOp('', c.op)!.infer({ node, opset: c.opset }, types, values);
  return {
    feeds,
    model: {
      irVersion: 8,
      opsets: { '': c.opset },
      producerName: 'ops.ort.test',
      producerVersion: '',
      metadata: {},
      graph: {
        name: c.op,
        nodes: [node],
        inputs: Object.values(feeds).length
          ? names
              .filter((n) => n in feeds)
              .map((n) => ({ name: n, type: { dtype: feeds[n].dtype, shape: [...feeds[n].dims] } }))
          : [],
        outputs: node.outputs.map((name, k) => ({ name, type: outTypes[k] })),
        initializers,
        valueInfo: new Map(),
      },
    },
  };
}

describe('operators agree with onnxruntime on single-node models', () => {
  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_, c, i) => {
    const { model, feeds } = singleNode(c, 1000 + i);
    const ours = run(model, feeds);
    const theirs = await runOrt(encodeModel(model), feeds);
    for (const out of model.graph.outputs)
      expect(mismatch(ours[out.name], theirs[out.name], { rtol: 1e-4, atol: 1e-5 }), out.name).toBeNull();
  });
});
