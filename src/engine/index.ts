// The engine's one entry point: everything outside src/engine imports from here.
export * from './ir/tensor';
export * from './ir/graph';
export * from './errors';
export * from './trace/trace';
export * from './quant/scheme';
export * from './quant/channels';
export * from './quant/quantize';
export * from './quant/linear';
export * from './quant/error';
export * from './quant/samples';
