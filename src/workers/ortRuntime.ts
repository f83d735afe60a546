// onnxruntime-web for a Worker, with the WebAssembly files given as explicit URLs: without them the
// runtime's own thread workers cannot find their script in a bundle and hang (DESIGN.md, setup facts).
// Import this only from worker entry points: it pulls in the runtime (≈14 MB of WebAssembly on first use).
import * as ort from 'onnxruntime-web/wasm';
import wasmModuleUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import wasmBinaryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';

ort.env.wasm.wasmPaths = { mjs: wasmModuleUrl, wasm: wasmBinaryUrl };

export { ort };
