// Inside a Worker: anything that escapes a request handler (an uncaught error, an unhandled rejection) is
// posted to the page as an error answer to no request (id null), instead of the worker dying silently.
import type { SerializedError } from './ortProtocol';
import { serializeError } from './ortService';

interface CrashScope {
  postMessage(message: { kind: 'error'; id: null; error: SerializedError }): void;
  addEventListener(
    type: 'error' | 'unhandledrejection',
    listener: (event: Event & { reason?: unknown; error?: unknown }) => void,
  ): void;
}

export function reportCrashes(scope: CrashScope): void {
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
}
