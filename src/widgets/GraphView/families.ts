// Operator families: what colour a node gets. The family says what kind of work a node does, which is what
// a reader scans a graph for (where are the convolutions, where is the layout shuffling, what got fused).

export type OpFamily =
  | 'conv'
  | 'matmul'
  | 'activation'
  | 'normalization'
  | 'pooling'
  | 'shape'
  | 'elementwise'
  | 'quantization'
  | 'fused'
  | 'other'
  | 'io'
  | 'block';

/** Families in legend order. */
export const FAMILIES: readonly OpFamily[] = [
  'conv',
  'matmul',
  'activation',
  'normalization',
  'pooling',
  'shape',
  'elementwise',
  'quantization',
  'fused',
  'other',
  'io',
  'block',
];

const groups: [OpFamily, string[]][] = [
  ['conv', ['Conv', 'ConvTranspose', 'DeformConv']],
  ['matmul', ['MatMul', 'Gemm', 'Einsum']],
  [
    'activation',
    [
      'Relu',
      'Clip',
      'Sigmoid',
      'Tanh',
      'LeakyRelu',
      'PRelu',
      'Elu',
      'Selu',
      'Celu',
      'HardSigmoid',
      'HardSwish',
      'Softplus',
      'Softsign',
      'Gelu',
      'FastGelu',
      'BiasGelu',
      'QuickGelu',
      'Mish',
      'Swish',
      'ThresholdedRelu',
      'Softmax',
      'LogSoftmax',
      'Hardmax',
      'Shrink',
    ],
  ],
  [
    'normalization',
    [
      'BatchNormalization',
      'LayerNormalization',
      'InstanceNormalization',
      'GroupNormalization',
      'LpNormalization',
      'LRN',
      'MeanVarianceNormalization',
      'SimplifiedLayerNormalization',
      'SkipLayerNormalization',
      'RMSNormalization',
    ],
  ],
  [
    'pooling',
    [
      'MaxPool',
      'AveragePool',
      'GlobalAveragePool',
      'GlobalMaxPool',
      'LpPool',
      'GlobalLpPool',
      'MaxRoiPool',
      'RoiAlign',
      'MaxUnpool',
      'ReduceMean',
      'ReduceMax',
      'ReduceMin',
      'ReduceSum',
      'ReduceProd',
      'ReduceL1',
      'ReduceL2',
      'ReduceLogSum',
      'ReduceLogSumExp',
      'ReduceSumSquare',
      'ArgMax',
      'ArgMin',
    ],
  ],
  [
    'shape',
    [
      'Reshape',
      'Transpose',
      'Flatten',
      'Squeeze',
      'Unsqueeze',
      'Concat',
      'Split',
      'Slice',
      'Gather',
      'GatherElements',
      'GatherND',
      'Scatter',
      'ScatterElements',
      'ScatterND',
      'Shape',
      'Size',
      'Expand',
      'Tile',
      'Pad',
      'Identity',
      'DepthToSpace',
      'SpaceToDepth',
      'Resize',
      'Upsample',
      'ConstantOfShape',
      'Range',
      'OneHot',
      'Trilu',
      'CenterCropPad',
    ],
  ],
  [
    'elementwise',
    [
      'Add',
      'Sub',
      'Mul',
      'Div',
      'Pow',
      'Sqrt',
      'Exp',
      'Log',
      'Neg',
      'Abs',
      'Reciprocal',
      'Min',
      'Max',
      'Sum',
      'Mean',
      'Where',
      'Equal',
      'Less',
      'LessOrEqual',
      'Greater',
      'GreaterOrEqual',
      'And',
      'Or',
      'Xor',
      'Not',
      'Floor',
      'Ceil',
      'Round',
      'Sign',
      'Erf',
      'Sin',
      'Cos',
      'Tan',
      'Asin',
      'Acos',
      'Atan',
      'Sinh',
      'Cosh',
      'Asinh',
      'Acosh',
      'Atanh',
      'Mod',
      'BitShift',
      'Cast',
      'CastLike',
      'IsNaN',
      'IsInf',
    ],
  ],
  [
    'quantization',
    [
      'QuantizeLinear',
      'DequantizeLinear',
      'DynamicQuantizeLinear',
      'QLinearConv',
      'QLinearMatMul',
      'QLinearAdd',
      'QLinearMul',
      'QLinearSigmoid',
      'QLinearLeakyRelu',
      'QLinearAveragePool',
      'QLinearGlobalAveragePool',
      'QLinearConcat',
      'QGemm',
      'ConvInteger',
      'MatMulInteger',
      'MatMulIntegerToFloat',
      'DynamicQuantizeMatMul',
    ],
  ],
];

const FAMILY_OF = new Map<string, OpFamily>(
  groups.flatMap(([family, ops]) => ops.map((op) => [op, family] as const)),
);

/**
 * The family of an operator. Fused operators (onnxruntime's com.microsoft FusedConv, FusedGemm, FusedMatMul,
 * and anything a pass names Fused…) are their own family, since they are what fusion produces.
 */
export function opFamily(opType: string, domain = ''): OpFamily {
  if (opType.startsWith('Fused')) return 'fused';
  const family = FAMILY_OF.get(opType);
  if (family) return family;
  // other contrib ops (Attention, EmbedLayerNormalization …) are fused kernels too
  if (domain === 'com.microsoft') return 'fused';
  return 'other';
}
