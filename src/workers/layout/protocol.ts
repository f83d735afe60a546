// Messages between the page and the layout Worker. The page sends LAYOUT_REQ; the worker answers with
// LAYOUT_PROGRESS messages and then exactly one LAYOUT_RESP or LAYOUT_ERROR for that id. A running layout
// is cancelled by terminating the worker (a synchronous computation cannot read messages until it ends).
import { layeredLayout } from './layered';
import type { LayoutInput, LayoutOptions, LayoutPhase, LayoutResult } from './types';

export interface LayoutRequest {
  type: 'LAYOUT_REQ';
  id: number;
  input: LayoutInput;
  options?: Partial<LayoutOptions>;
}

export type LayoutResponse =
  | { type: 'LAYOUT_PROGRESS'; id: number; phase: LayoutPhase; fraction: number }
  | { type: 'LAYOUT_RESP'; id: number; result: LayoutResult }
  /** id null: a failure outside any request (the worker script itself). */
  | { type: 'LAYOUT_ERROR'; id: number | null; message: string };

/** Buffers of a result, handed over to the page instead of copied. */
export const transferablesOf = (r: LayoutResult): ArrayBuffer[] =>
  [r.x, r.y, r.layer, r.edgePoints, r.edgeStart].map((a) => a.buffer as ArrayBuffer);

/** Handles one request: what the worker does, and what tests run in process. */
export function handleLayoutRequest(
  request: LayoutRequest,
  post: (message: LayoutResponse, transfer?: ArrayBuffer[]) => void,
): void {
  if (request?.type !== 'LAYOUT_REQ') {
    const id = (request as { id?: unknown } | null)?.id;
    post({ type: 'LAYOUT_ERROR', id: typeof id === 'number' ? id : null, message: 'not a layout request' });
    return;
  }
  const { id } = request;
  let lastPosted = -1;
  try {
    const result = layeredLayout(request.input, request.options, (phase, fraction) => {
      // at most ~20 progress messages per layout
      if (fraction - lastPosted < 0.05 && fraction < 1) return;
      lastPosted = fraction;
      post({ type: 'LAYOUT_PROGRESS', id, phase, fraction });
    });
    post({ type: 'LAYOUT_RESP', id, result }, transferablesOf(result));
  } catch (e) {
    post({ type: 'LAYOUT_ERROR', id, message: e instanceof Error ? e.message : String(e) });
  }
}
