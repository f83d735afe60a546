// The quantization Worker: the explorer's tensors and whole-model quantization run here, off the page.
import type { QuantRequest, QuantResponse } from './quantProtocol';
import { createQuantService } from './quantService';
import { serveWorker } from './workerScope';

serveWorker<QuantRequest, QuantResponse>(({ post }) =>
  createQuantService({ post, now: () => performance.now() }),
);
