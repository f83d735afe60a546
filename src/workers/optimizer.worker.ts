// The graph-optimizer Worker: parsing, the pass pipeline and the memory planner run here, so a 14 MB model
// never freezes the page. All the work is the engine's (optimizerService.ts wires it to messages).
import { createOptimizerService } from './optimizerService';
import type { OptimizerRequest, OptimizerResponse } from './optimizerProtocol';
import { serveWorker } from './workerScope';

serveWorker<OptimizerRequest, OptimizerResponse>(({ post }) =>
  createOptimizerService({ post, now: () => performance.now() }),
);
