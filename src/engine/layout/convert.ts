// Runs the layout-nhwc pass on its own, to its fixed point, on a copy of the model: what the CLI, the tests
// and the reports use (the optimization pipeline runs the same pass among the others).
import type { Model } from '../ir/graph';
import { cloneModel } from '../ir/edit';
import { createPassContext } from '../passes/context';
import { layoutNhwc } from '../passes/layoutNhwc';
import type { Rewrite } from '../passes/types';

export interface LayoutConversion {
  model: Model;
  rewrites: Rewrite[];
}

/** Rewrites beyond which the pass is taken to be looping (each one removes or moves a transpose). */
const MAX_REWRITES = 100_000;

export function convertToNhwc(model: Model): LayoutConversion {
  const copy = cloneModel(model);
  const { ctx, invalidate } = createPassContext(copy, { contribOps: true });
  const rewrites: Rewrite[] = [];
  for (let m = layoutNhwc.match(copy.graph, ctx); m; m = layoutNhwc.match(copy.graph, ctx)) {
    if (rewrites.length === MAX_REWRITES)
      throw new Error(`layout-nhwc did not converge in ${MAX_REWRITES} rewrites`);
    rewrites.push(layoutNhwc.apply(copy.graph, m, ctx));
    invalidate();
  }
  return { model: copy, rewrites };
}
