// The graph-optimizer Worker: parsing, the pass pipeline and the memory planner run here, so a 14 MB model
// never freezes the page. All the work is the engine's (optimizerService.ts wires it to messages).
import { createOptimizerService } from './optimizerService';
import type { OptimizerRequest, OptimizerResponse } from './optimizerProtocol';
import { reportCrashes } from './reportCrashes';

interface WorkerScope {
  postMessage(message: OptimizerResponse, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<OptimizerRequest>) => void): void;
  addEventListener(
    type: 'error' | 'unhandledrejection',
    listener: (event: Event & { reason?: unknown; error?: unknown }) => void,
  ): void;
}
const scope = self as unknown as WorkerScope;

const service = createOptimizerService({
  post: (message, transfer = []) => scope.postMessage(message, transfer),
  now: () => performance.now(),
});

scope.addEventListener('message', (event) => service.handle(event.data));

reportCrashes(scope);
