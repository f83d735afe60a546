// The engine's one entry point: everything outside src/engine imports from here.
export * from './ir/tensor';
export * from './ir/graph';
export * from './errors';
export * from './trace/trace';
export * from './ir/float16';
export { decodeModel, decodeTensor } from './onnx/decode';
export { encodeModel, encodeTensor } from './onnx/encode';
export * from './onnx/limits';
export type { OpDef, OpContext } from './ops/types';
export * from './ir/build';
export * from './ir/scope';
export * from './ir/topo';
export * from './ir/graphIndex';
export * from './ir/validate';
export * from './ir/edit';
export * from './ir/infer';
export * from './ir/cost';
export * from './ir/summary';
export { parseModelText } from './onnx/text/parse';
export { printModelText, type PrintOptions } from './onnx/text/print';
export * from './quant/scheme';
export * from './quant/channels';
export * from './quant/quantize';
export * from './quant/linear';
export * from './quant/error';
export * from './quant/samples';
export * from './quant/histogram';
export * from './quant/calibrate/minmax';
export * from './quant/calibrate/percentile';
export * from './quant/calibrate/entropy';
export * from './quant/calibrate/mse';
export * from './quant/calibrate/choose';
export * from './quant/calibrate/weights';
export * from './quant/metrics';
export * from './quant/size';
export * from './quant/explore';
export * from './data/digits';
export * from './data/digitSet';
export * from './zoo/manifest';
export * from './stats/summary';
export * from './stats/rng';
export { run, runAsync, CancelledError } from './interpreter/run';
export type { RunOptions, NodeRun } from './interpreter/run';
export { lookupOp, supportedOps } from './ops/registry';
export { runConformanceCase } from './conformance/runCase';
export type { ConformanceCase, CaseResult } from './conformance/runCase';
export { mismatch, relativeError, DEFAULT_TOLERANCE } from './conformance/compare';
export type { Tolerance } from './conformance/compare';
export { readNpy, writeNpy } from './io/npy';
export { randomTensor } from './ir/randomTensor';
// Kernels (chapter 5): convolution algorithms with operation counters and step traces, GEMM loop variants, layouts.
export { convShape, MAX_BUFFER_ELEMENTS, type ConvParams, type ConvShape } from './kernels/conv-shape';
export type { OpCounts, BufferUse } from './kernels/counts';
export {
  convDirect,
  convReference64,
  validTaps,
  type ConvResult,
  type DirectEvent,
  type Tap,
} from './kernels/direct';
export {
  gemmIJK,
  gemmIKJ,
  gemmJIK,
  gemmJKI,
  gemmKIJ,
  gemmKJI,
  gemmTiled,
  gemmUnrolled,
  type Gemm,
  type GemmTiles,
} from './kernels/gemm';
export { gemmBlocked, GemmWorkspace } from './kernels/gemm-blocked';
export { im2col, convIm2col, type Im2colEvent, type Im2colGemm } from './kernels/im2col';
export { WINOGRAD, type WinogradMatrices, type WinogradVariant } from './kernels/winograd-transforms';
export {
  convWinograd,
  winogradNotApplicable,
  type WinogradEvent,
  type WinogradOptions,
} from './kernels/winograd';
export {
  conv1dDirect,
  conv1dReference64,
  conv1dWinograd,
  type Conv1dResult,
  type Direct1dEvent,
  type Winograd1dEvent,
} from './kernels/winograd1d';
export {
  LAYOUTS, layoutSize, offsetOf, packLayout, packLayoutInto, unpackLayout, convInnerLoop,
  type Layout, type Dims4, type LayoutEvent, type InnerLoopAccess, type InnerLoopRead,
} from './kernels/layouts'; // prettier-ignore
export {
  buildIndirection,
  convIndirect,
  type Indirection,
  type IndirectionEvent,
  type IndirectEvent,
} from './kernels/indirect';
export {
  convIndirectQuantized,
  type IndirectQuantizedEvent,
  type QConvResult,
} from './kernels/indirect-quantized';
export { convIntegerReference, convQLinearReference, type QTensor } from './kernels/conv-integer';
export { requantize, type ConvQuantParams, type WeightQuantParams } from './kernels/requantize';
export { numericError, type NumericError } from './kernels/error';
export { randomUniformTensor } from './kernels/seeded';
export {
  convLayerFromModel,
  convLayerNames,
  convLayersOfModel,
  type ConvLayer,
  type ConvLayerChoice,
} from './kernels/conv-layer';
export {
  CONV_ALGORITHMS,
  type ConvAlgorithm,
  type ConvAlgorithmName,
  type PreparedConv,
} from './kernels/algorithms';
// Memory planning (chapter 4.8): tensor lifetimes, greedy-by-size arena, lower bound, in-place candidates.
export type { MemoryPlan, TensorLifetime, InPlaceOpportunity } from './memory/types';
export { planMemory, type MemoryPlanOptions } from './memory/plan';
export { tensorLifetimes, MAX_PLAN_BATCH, type Lifetimes, type LifetimeOptions } from './memory/lifetimes';
export { greedyBySize, ARENA_ALIGNMENT, type Interval } from './memory/greedy';
// Graph optimization (chapter 4): the passes, the pipeline run to a fixed point, the check around each pass.
export * from './passes/types';
export {
  englishSummary,
  shortList,
  shortRatio,
  type NodeLabel,
  type RedundantReason,
  type RewriteCode,
  type RewriteMessage,
} from './passes/messages';
export { PASSES, selectPasses } from './passes/registry';
export { runPipeline, runPipelineAsync, runPasses, snapshotGraph } from './passes/pipeline';
export { graphStats, opCounts } from './passes/stats';
export { PassError, checkGraph, type GraphCheck } from './passes/check';
export { createPassContext, type PassContextOptions } from './passes/context';
// Data-layout conversion (chapter 4.8): the layout-nhwc pass, its reports, and what onnxruntime-web runs.
export { layoutNhwc, type LayoutMatch } from './passes/layoutNhwc';
export { convertToNhwc, type LayoutConversion } from './layout/convert';
export { transposeReport, type TransposeCost, type TransposeReport } from './layout/transposes';
export {
  blockedLayoutReport,
  type BlockedActivation,
  type BlockedLayoutReport,
  type Contiguity,
} from './layout/nc4hw4';
export { ortWebBlockers, runsInOrtWeb, type OrtWebBlocker } from './layout/ortSupport';
// Kernel labs (chapter 5.5–5.8): GEMM loop-optimization lab, cache lines of layout reads, a quantized layer.
export { gemmUnrolled2, gemmUnrolled8 } from './kernels/gemm';
export { cacheLinesTouched } from './kernels/layouts';
export { quantizeConvLayer, minMax, type QuantizedConvLayer } from './kernels/quantize-layer';
export { requantizeSteps, checkConvQuant } from './kernels/requantize';
export {
  LOOP_ORDERS, UNROLL_FACTORS, GEMM_LAB_LIMITS, variantKey, gemmOf, checkGemmSize, checkGemmLabRequest, im2colGemmSize,
  runGemmLab, type LoopOrder, type UnrollFactor, type GemmVariant, type GemmSize, type GemmLabRequest, type GemmLabRow,
  type GemmLabResult, type GemmLabProgress, type GemmLabHooks,
} from './kernels/gemm-lab'; // prettier-ignore
// Whole-model post-training quantization (chapter 3.4): calibration, QDQ rewriting, per-layer analysis.
export type * from './quant/model.types';
export { quantizeModel } from './quant/quantizeModel';
export {
  planQuantization,
  type QuantPlan,
  type PlannedNode,
  type UnitKind,
  type PlanOptions,
} from './quant/plan';
export { rewriteQdq, type QdqOptions, type QdqResult } from './quant/qdq';
export { interpreterRunner, exposeValues, fetchValues, loadFor } from './quant/runner';
export { collectStats, type BatchLoop } from './quant/calibrateModel';
export { compareValues, type ValuePair } from './quant/analyzeModel';
export {
  calibrationSetFor, zooCalibration, zooAnalysis, ZOO_CALIBRATION, type CalibrationDataOptions,
  type ZooCalibration,
} from './quant/calibrationData'; // prettier-ignore
// Why int8 is slower on MobileNets (chapter 3.4): chains of one kind of convolution layer, float and int8.
export {
  LAYER_KINDS, CHAIN_LENGTH, layerKind, convChain, chainInput, chainCalibration, chainMacs, channelPath, convKind, reductionLength,
  type ConvSpec, type ConvKind, type LayerKind, type LayerKindId,
} from './quant/layerKinds'; // prettier-ignore
// Quantization lab (chapter 3): the tensors of a model that quantization acts on; scoring classifiers.
export * from './quant/tensors';
export * from './stats/classification';
