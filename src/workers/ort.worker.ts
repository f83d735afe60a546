// The onnxruntime-web Worker. Sessions live here so that loading and running models never blocks the page.
import { ort } from './ortRuntime';
import type { OrtRequest, OrtResponse } from './ortProtocol';
import { createOrtService } from './ortService';
import { serveWorker } from './workerScope';

serveWorker<OrtRequest, OrtResponse>(({ post, crossOriginIsolated }) =>
  createOrtService(ort, { crossOriginIsolated, post, now: () => performance.now() }),
);
