// The inside of a request/response Worker (see rpc.ts): incoming messages go to `handle`, and anything that
// escapes a handler is reported to the page as an error belonging to no request instead of dying silently.
import { serializeError } from './ortService';

interface Scope<Request, Response> {
  crossOriginIsolated?: boolean;
  postMessage(message: Response, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Request>) => void): void;
  addEventListener(
    type: 'error' | 'unhandledrejection',
    listener: (event: Event & { reason?: unknown; error?: unknown }) => void,
  ): void;
}

export interface Serving<Response> {
  post(message: Response, transfer?: Transferable[]): void;
  crossOriginIsolated: boolean;
}

/** Wires the Worker's global scope to a service; call once, at the top level of a worker entry point. */
export function serveWorker<Request, Response>(
  create: (serving: Serving<Response>) => { handle(request: Request): unknown },
): void {
  const scope = self as unknown as Scope<Request, Response>;
  const service = create({
    post: (message, transfer = []) => scope.postMessage(message, transfer),
    crossOriginIsolated: scope.crossOriginIsolated === true,
  });
  scope.addEventListener('message', (event) => void service.handle(event.data));
  const crash = (event: Event & { reason?: unknown; error?: unknown }) => {
    event.preventDefault();
    const error = serializeError(event.reason ?? event.error ?? 'unknown error');
    scope.postMessage({ kind: 'error', id: null, error } as Response);
  };
  scope.addEventListener('error', crash);
  scope.addEventListener('unhandledrejection', crash);
}
