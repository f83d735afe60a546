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
export { run, runAsync, CancelledError } from './interpreter/run';
export type { RunOptions, NodeRun } from './interpreter/run';
export { lookupOp, supportedOps } from './ops/registry';
export { runConformanceCase } from './conformance/runCase';
export type { ConformanceCase, CaseResult } from './conformance/runCase';
export { mismatch, relativeError, DEFAULT_TOLERANCE } from './conformance/compare';
export type { Tolerance } from './conformance/compare';
export { readNpy, writeNpy } from './io/npy';
export { createRng, randomTensor } from './random';
