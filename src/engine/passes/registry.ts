// The passes, in the order a sweep of the pipeline runs them: clean-ups that expose more work first, fusions
// next, dead-code last so that one sweep ends with a tidy graph. The lessons name the levels: basic is what
// every engine does (onnxruntime's "basic"), extended adds fusions, all adds layout changes.
import { ModelError } from '../errors';
import { activationAfterPool } from './activationAfterPool';
import { constantFolding } from './constantFolding';
import { cse } from './cse';
import { deadCode } from './deadCode';
import { eliminateRedundant } from './eliminateRedundant';
import { foldAffine } from './foldAffine';
import { foldBatchNorm } from './foldBatchNorm';
import { fuseActivation } from './fuseActivation';
import { layoutNhwc } from './layoutNhwc';
import { matmulAddToGemm } from './matmulAddToGemm';
import { reshapeMerge } from './reshapeMerge';
import { transposeCancel } from './transposeCancel';
import type { Pass, PassLevel, PassName } from './types';

/** Every pass, in pipeline order. */
export const PASSES: readonly Pass[] = [
  eliminateRedundant,
  constantFolding,
  cse,
  matmulAddToGemm,
  transposeCancel,
  reshapeMerge,
  foldBatchNorm,
  foldAffine,
  fuseActivation,
  activationAfterPool,
  layoutNhwc,
  deadCode,
] as Pass[];

const RANK: Record<PassLevel, number> = { basic: 0, extended: 1, all: 2 };

/**
 * The passes of a level and the levels below it, or exactly the named ones (in pipeline order).
 * Throws ModelError ('input') for a name that is not a registered pass.
 */
export function selectPasses({
  level = 'extended',
  passes,
}: { level?: PassLevel; passes?: readonly PassName[] } = {}): Pass[] {
  if (!passes) return PASSES.filter((p) => RANK[p.level] <= RANK[level]);
  const unknown = passes.filter((name) => !PASSES.some((p) => p.name === name));
  if (unknown.length > 0)
    throw new ModelError(
      'input',
      `no pass named ${unknown.map((n) => `"${n}"`).join(', ')}; the passes are ${PASSES.map((p) => p.name).join(', ')}`,
    );
  return PASSES.filter((p) => passes.includes(p.name));
}
