// The quantization Worker: the explorer's tensors and whole-model quantization run here, off the page.
// Whole-model quantization runs the models on onnxruntime-web, through the same createOrtRunner as
// `npm run cli -- quantize`, so the page and the command line write the same file.
import { ort } from './ortRuntime';
import { createOrtRunner } from './ortRunner';
import type { QuantRequest, QuantResponse } from './quantProtocol';
import { createQuantService } from './quantService';
import { serveWorker } from './workerScope';

serveWorker<QuantRequest, QuantResponse>(({ post, crossOriginIsolated }) => {
  // WebAssembly threads need SharedArrayBuffer, which only a cross-origin-isolated page has; otherwise one.
  if (!crossOriginIsolated) ort.env.wasm.numThreads = 1;
  return createQuantService({ post, now: () => performance.now(), runner: async () => createOrtRunner(ort) });
});
