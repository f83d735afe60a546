// Messages between the page and the conv-layers Worker: the page sends a model's bytes, the worker decodes
// the model, infers its shapes and answers with every Conv layer (weights and attributes) or an error.
// Parsing a large model (the 14 MB MobileNetV2) takes long enough to freeze a page, hence the worker.
import { convLayersOfModel, decodeModel, isModelError, type ConvLayerChoice } from '../../engine';

export interface ConvLayersRequest {
  type: 'CONV_LAYERS_REQ';
  id: number;
  bytes: ArrayBuffer;
}

export type ConvLayersResponse =
  | { type: 'CONV_LAYERS_RESP'; id: number; layers: ConvLayerChoice[] }
  /** id null: a failure outside any request. `modelError`: the model itself is bad (not the worker). */
  | { type: 'CONV_LAYERS_ERROR'; id: number | null; message: string; modelError: boolean };

/** Handles one request: what the worker does, and what tests run in process. */
export function handleConvLayersRequest(
  request: ConvLayersRequest,
  post: (message: ConvLayersResponse) => void,
): void {
  if (request?.type !== 'CONV_LAYERS_REQ' || !(request.bytes instanceof ArrayBuffer)) {
    const id = (request as { id?: unknown } | null)?.id;
    post({
      type: 'CONV_LAYERS_ERROR',
      id: typeof id === 'number' ? id : null,
      message: 'not a conv-layers request',
      modelError: false,
    });
    return;
  }
  try {
    const layers = convLayersOfModel(decodeModel(new Uint8Array(request.bytes)));
    post({ type: 'CONV_LAYERS_RESP', id: request.id, layers });
  } catch (e) {
    post({
      type: 'CONV_LAYERS_ERROR',
      id: request.id,
      message: e instanceof Error ? e.message : String(e),
      modelError: isModelError(e),
    });
  }
}
