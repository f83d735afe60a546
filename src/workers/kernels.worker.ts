// The kernels Worker: timed runs of the engine's kernels (the loop-optimization lab) off the page's thread.
import { createKernelsService } from './kernelsService';
import type { KernelsRequest, KernelsResponse } from './kernelsProtocol';
import { serveWorker } from './workerScope';

serveWorker<KernelsRequest, KernelsResponse>(({ post }) =>
  createKernelsService({ post, now: () => performance.now() }),
);
