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
