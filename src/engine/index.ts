// The engine's one entry point: everything outside src/engine imports from here.
export * from './ir/tensor';
export * from './ir/graph';
export * from './errors';
export * from './trace/trace';
export * from './stats/summary';
export * from './stats/rng';
