// The graph-optimizer Worker: parsing, the pass pipeline and the memory planner run here, so a 14 MB model
// never freezes the page. All the work is the engine's (optimizerService.ts wires it to messages).
import { createOptimizerService } from './optimizerService';
import { serializeError } from './ortService';
import type { OptimizerRequest, OptimizerResponse } from './optimizerProtocol';

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

// Anything that escapes a request handler is reported to the page instead of dying silently.
const crash = (event: Event & { reason?: unknown; error?: unknown }) => {
  event.preventDefault();
  scope.postMessage({
    kind: 'error',
    id: null,
    error: serializeError(event.reason ?? event.error ?? 'unknown error'),
  });
};
scope.addEventListener('error', crash);
scope.addEventListener('unhandledrejection', crash);
