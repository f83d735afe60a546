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
export { parseModelText } from './onnx/text/parse';
export { printModelText, type PrintOptions } from './onnx/text/print';
