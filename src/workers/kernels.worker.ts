// The kernels Worker: timed runs of the engine's kernels (the loop-optimization lab) off the page's thread.
import { createKernelsService } from './kernelsService';
import { serializeError } from './ortService';
import type { KernelsRequest, KernelsResponse } from './kernelsProtocol';

interface WorkerScope {
  postMessage(message: KernelsResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<KernelsRequest>) => void): void;
  addEventListener(
    type: 'error' | 'unhandledrejection',
    listener: (event: Event & { reason?: unknown; error?: unknown }) => void,
  ): void;
}
const scope = self as unknown as WorkerScope;

const service = createKernelsService({
  post: (message) => scope.postMessage(message),
  now: () => performance.now(),
});
scope.addEventListener('message', (event) => service.handle(event.data));

// Anything that escapes a request is reported to the page instead of dying silently.
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
