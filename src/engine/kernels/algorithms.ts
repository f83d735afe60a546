// The convolution algorithms side by side, as one table the CLI, the benchmarks and the Kernel-lab widgets
// iterate: each entry says whether it applies to a layer and prepares a run (inputs converted beforehand, so
// a timed run is the kernel alone).
import type { Tensor } from '../ir/tensor';
import type { ConvParams, ConvShape } from './conv-shape';
import type { QTensor } from './conv-integer';
import type { OpCounts } from './counts';
import { convDirect } from './direct';
import { convIm2col } from './im2col';
import { convIndirect } from './indirect';
import { convIndirectQuantized } from './indirect-quantized';
import { dequantizeValue } from '../quant/quantize';
import { quantizeConvLayer } from './quantize-layer';
import { convWinograd, winogradNotApplicable } from './winograd';

export type ConvAlgorithmName =
  | 'direct'
  | 'im2col+gemm-naive'
  | 'im2col+gemm-blocked'
  | 'winograd-F(2x2,3x3)'
  | 'winograd-F(4x4,3x3)'
  | 'winograd-F(2x2,3x3)-fp16'
  | 'winograd-F(4x4,3x3)-fp16'
  | 'indirect'
  | 'indirect-uint8';

export interface PreparedConv {
  /** Runs the kernel once and returns its counts. */
  run(): OpCounts;
  /** The float output of the last run (dequantized for the 8-bit kernel). */
  output(): Float32Array;
}

export interface ConvAlgorithm {
  name: ConvAlgorithmName;
  /**
   * Arithmetic: float32; float32 with every Winograd transform stage rounded to float16 (an emulation, to show
   * the error — not a speed figure); or uint8 activations with int8 weights.
   */
  precision: 'fp32' | 'fp16-transforms' | 'uint8';
  /** Why the algorithm cannot run this layer, or null. */
  notApplicable(s: ConvShape): string | null;
  /**
   * Prepares runs on this layer. `outputRange` (the float output's [min, max], e.g. from the reference) sets
   * the 8-bit kernel's output scale; the float kernels ignore it.
   */
  prepare(
    x: Tensor<'float32'>,
    w: Tensor<'float32'>,
    bias: Tensor<'float32'> | null,
    params: ConvParams,
    outputRange?: [number, number],
  ): PreparedConv;
}

/** Wraps a float kernel: run() keeps its last output. */
function floatKernel(
  kernel: (
    x: Tensor<'float32'>,
    w: Tensor<'float32'>,
    b: Tensor<'float32'> | null,
    p: ConvParams,
  ) => { output: Tensor<'float32'>; counts: OpCounts },
): ConvAlgorithm['prepare'] {
  return (x, w, bias, params) => {
    let last: Float32Array | null = null;
    return {
      run() {
        const { output, counts } = kernel(x, w, bias, params);
        last = output.data;
        return counts;
      },
      output: () => last ?? new Float32Array(0),
    };
  };
}

const winograd = (variant: 'F(2,3)' | 'F(4,3)', fp16 = false) =>
  floatKernel((x, w, b, p) => convWinograd(x, w, b, p, { variant, fp16 }));

/**
 * Quantizes the layer (quantizeConvLayer: uint8 input, int8 per-channel weights, int32 bias) and runs the uint8
 * indirect kernel. Its error against the float reference includes the quantization error.
 */
function prepareUint8(
  x: Tensor<'float32'>,
  w: Tensor<'float32'>,
  bias: Tensor<'float32'> | null,
  params: ConvParams,
  outputRange?: [number, number],
): PreparedConv {
  const layer = quantizeConvLayer(x, w, bias, params, outputRange);
  let last: QTensor | null = null;
  return {
    run() {
      const { output, counts } = convIndirectQuantized(layer.x, layer.w, layer.bias, params, layer.quant);
      last = output;
      return counts;
    },
    output: () => Float32Array.from(last?.data ?? [], (q) => dequantizeValue(q, layer.y)),
  };
}

const always = () => null;

export const CONV_ALGORITHMS: readonly ConvAlgorithm[] = [
  { name: 'direct', precision: 'fp32', notApplicable: always, prepare: floatKernel(convDirect) },
  {
    name: 'im2col+gemm-naive',
    precision: 'fp32',
    notApplicable: always,
    prepare: floatKernel((x, w, b, p) => convIm2col(x, w, b, p, { gemm: 'naive' })),
  },
  {
    name: 'im2col+gemm-blocked',
    precision: 'fp32',
    notApplicable: always,
    prepare: floatKernel((x, w, b, p) => convIm2col(x, w, b, p, { gemm: 'blocked' })),
  },
  {
    name: 'winograd-F(2x2,3x3)',
    precision: 'fp32',
    notApplicable: winogradNotApplicable,
    prepare: winograd('F(2,3)'),
  },
  {
    name: 'winograd-F(4x4,3x3)',
    precision: 'fp32',
    notApplicable: winogradNotApplicable,
    prepare: winograd('F(4,3)'),
  },
  {
    name: 'winograd-F(2x2,3x3)-fp16',
    precision: 'fp16-transforms',
    notApplicable: winogradNotApplicable,
    prepare: winograd('F(2,3)', true),
  },
  {
    name: 'winograd-F(4x4,3x3)-fp16',
    precision: 'fp16-transforms',
    notApplicable: winogradNotApplicable,
    prepare: winograd('F(4,3)', true),
  },
  { name: 'indirect', precision: 'fp32', notApplicable: always, prepare: floatKernel(convIndirect) },
  { name: 'indirect-uint8', precision: 'uint8', notApplicable: always, prepare: prepareUint8 },
];
