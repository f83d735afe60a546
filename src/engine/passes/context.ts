// The context a pass sees (see PassContext), and a helper to write its Rewrite records.
import { inferShapes, MAX_FOLDED_ELEMENTS, type ShapeInference } from '../ir/infer';
import type { Model } from '../ir/graph';
import { englishSummary, type RewriteMessage } from './messages';
import type { PassContext, PassName, Rewrite } from './types';

export interface PassContextOptions {
  contribOps?: boolean;
  maxFoldedElements?: number;
}

/** A context for passes working on `model` (in place), and `invalidate` to call after each rewrite. */
export function createPassContext(
  model: Model,
  { contribOps = true, maxFoldedElements = MAX_FOLDED_ELEMENTS }: PassContextOptions = {},
): { ctx: PassContext; invalidate: () => void } {
  let shapes: ShapeInference | null = null;
  const ctx: PassContext = {
    model,
    contribOps,
    maxFoldedElements,
    shapes: () => (shapes ??= inferShapes(model)),
  };
  return { ctx, invalidate: () => (shapes = null) };
}

/** A Rewrite with empty lists for what the pass did not touch. */
export function rewrite(
  pass: PassName,
  message: RewriteMessage,
  {
    removed = [],
    added = [],
    changed = [],
    origins = {},
  }: Partial<Omit<Rewrite, 'pass' | 'message' | 'summary'>>,
): Rewrite {
  return { pass, message, summary: englishSummary(message), removed, added, changed, origins };
}
