// Test fixtures for the onnxruntime worker: a tiny ONNX model written with onnx-proto, and an in-process
// "worker" that connects an OrtClient to an OrtService directly (structured-cloning every message as a
// real Worker would), so the client and the service are tested together under Node.
import { onnx } from 'onnx-proto';
import type * as Ort from 'onnxruntime-web';
import { createOrtService } from '../ortService';
import type { OrtRequest, OrtResponse } from '../ortProtocol';
import type { WorkerLike } from '../ortClient';

/** y = Relu(x · W) with x: float32 [batch, 4] (symbolic batch), W: fixed 4×3 weights, y: float32 [batch, 3]. */
export const TINY_WEIGHTS = [1, -1, 0.5, 2, 0, -0.5, -1, 1, 1, 0.5, 0.25, -2];

export function tinyModel(): ArrayBuffer {
  const F = onnx.TensorProto.DataType.FLOAT;
  const valueInfo = (name: string, dims: (number | string)[]) => ({
    name,
    type: {
      tensorType: {
        elemType: F,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'inference-playground-test',
    graph: {
      name: 'tiny',
      node: [
        { opType: 'MatMul', input: ['x', 'W'], output: ['h'], name: 'matmul' },
        { opType: 'Relu', input: ['h'], output: ['y'], name: 'relu' },
      ],
      initializer: [{ name: 'W', dataType: F, dims: [4, 3], floatData: TINY_WEIGHTS }],
      input: [valueInfo('x', ['batch', 4])],
      output: [valueInfo('y', ['batch', 3])],
    },
  });
  const bytes = onnx.ModelProto.encode(model).finish();
  return new Uint8Array(bytes).buffer; // a copy: protobufjs may return a view of a larger Node buffer
}

/** The reference result of the tiny model, computed directly. */
export function tinyReference(x: Float32Array, batch: number): number[] {
  const y: number[] = [];
  for (let b = 0; b < batch; b++)
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += x[b * 4 + k] * TINY_WEIGHTS[k * 3 + j];
      y.push(Math.max(0, s));
    }
  return y;
}

export interface InProcessWorker extends WorkerLike {
  terminated: boolean;
  /** Every request the client sent, in order. */
  sent: OrtRequest[];
}

/** A WorkerLike whose "inside" is a real OrtService over the given onnxruntime module. */
export function inProcessWorker(
  ort: Pick<typeof Ort, 'InferenceSession' | 'Tensor' | 'env'>,
): InProcessWorker {
  const worker: InProcessWorker = {
    terminated: false,
    sent: [],
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage(message, transfer) {
      worker.sent.push(message);
      const copy = structuredClone(message, { transfer });
      void service.handle(copy);
    },
    terminate() {
      worker.terminated = true;
    },
  };
  const service = createOrtService(ort, {
    crossOriginIsolated: false,
    now: () => performance.now(),
    post(message: OrtResponse, transfer) {
      if (worker.terminated) return;
      const copy = structuredClone(message, { transfer });
      // Delivered asynchronously, like a real MessagePort.
      setTimeout(() => worker.onmessage?.({ data: copy } as MessageEvent<OrtResponse>), 0);
    },
  });
  return worker;
}
