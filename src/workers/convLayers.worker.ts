// The conv-layers Worker: decodes a model and lists its Conv layers off the main thread. All the work is in
// convLayers/protocol.ts (tested in Node); this file only wires it to messages.
import {
  handleConvLayersRequest,
  type ConvLayersRequest,
  type ConvLayersResponse,
} from './convLayers/protocol';

interface WorkerScope {
  postMessage(message: ConvLayersResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ConvLayersRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

scope.addEventListener('message', (event) =>
  handleConvLayersRequest(event.data, (message) => scope.postMessage(message)),
);
