// The graph-layout Worker: lays out graphs off the main thread so that a 5,000-node graph never freezes
// the page. All the work is in layout/ (pure, tested in Node); this file only wires it to messages.
import { handleLayoutRequest, type LayoutRequest, type LayoutResponse } from './layout/protocol';

interface WorkerScope {
  postMessage(message: LayoutResponse, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<LayoutRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

scope.addEventListener('message', (event) =>
  handleLayoutRequest(event.data, (message, transfer = []) => scope.postMessage(message, transfer)),
);
