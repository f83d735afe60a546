// The onnxruntime-web Worker. Sessions live here so that loading and running models never blocks the page.
// The WebAssembly files are given as explicit URLs: without them the runtime's own thread workers cannot find
// their script in a bundle and hang (DESIGN.md, setup facts).
import * as ort from 'onnxruntime-web/wasm';
import wasmModuleUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import wasmBinaryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { createOrtService } from './ortService';
import type { OrtRequest, OrtResponse } from './ortProtocol';
import { reportCrashes } from './reportCrashes';

interface WorkerScope {
  crossOriginIsolated: boolean;
  postMessage(message: OrtResponse, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<OrtRequest>) => void): void;
  addEventListener(
    type: 'error' | 'unhandledrejection',
    listener: (event: Event & { reason?: unknown; error?: unknown }) => void,
  ): void;
}
const scope = self as unknown as WorkerScope;

ort.env.wasm.wasmPaths = { mjs: wasmModuleUrl, wasm: wasmBinaryUrl };

const service = createOrtService(ort, {
  crossOriginIsolated: scope.crossOriginIsolated === true,
  post: (message, transfer = []) => scope.postMessage(message, transfer),
  now: () => performance.now(),
});

scope.addEventListener('message', (event) => void service.handle(event.data));

reportCrashes(scope);
