// A QuantClient connected to the quantization service in process (every message structured-cloned and
// delivered on a later task, as a real Worker would), calibrating on onnxruntime-web's Node build through
// createOrtRunner — the runner the quantization Worker uses in the page.
import * as ort from 'onnxruntime-web';
import { createOrtRunner } from '../ortRunner';
import { QuantClient, type QuantWorkerLike } from '../quantClient';
import type { QuantRequest } from '../quantProtocol';
import { createQuantService } from '../quantService';

export function inProcessQuantClient(): QuantClient {
  return new QuantClient(() => {
    const worker: QuantWorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: (message: QuantRequest, transfer: Transferable[]) =>
        void service.handle(structuredClone(message, { transfer })),
      terminate: () => undefined,
    };
    const service = createQuantService({
      post: (m) => setTimeout(() => worker.onmessage?.({ data: structuredClone(m) } as MessageEvent), 0),
      now: () => performance.now(),
      runner: async () => createOrtRunner(ort),
    });
    return worker;
  });
}
