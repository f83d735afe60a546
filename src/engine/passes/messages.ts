// What a rewrite did, as data (RewriteMessage), and its English line (englishSummary). The trace keeps
// both: the CLI and the tests read the English line; the playground words the message in the reader's
// language from the same data.

/** A node as a message names it: its operator and its name. */
export interface NodeLabel {
  op: string;
  name: string;
}

/** Why eliminate-redundant removed a node: it computes its input unchanged. */
export type RedundantReason =
  | { kind: 'identity' }
  | { kind: 'dropout' }
  | { kind: 'cast-to-own-type'; dtype: string }
  | { kind: 'identity-perm' }
  | { kind: 'low-rank-transpose'; rank: number }
  | { kind: 'reshape-to-own-shape' }
  | { kind: 'zero-pad' }
  | { kind: 'whole-slice' }
  | { kind: 'squeeze-pair'; first: string; second: string }
  | { kind: 'neutral-constant'; op: string; value: number };

export type RewriteMessage =
  | { code: 'removed-redundant'; removed: string[]; reason: RedundantReason }
  | { code: 'removed-dead'; nodes: string[]; initializers: number }
  | { code: 'folded-constant'; node: NodeLabel; constants: string[] }
  | { code: 'constant-reshape'; node: string; shape: number[] }
  | { code: 'duplicate-constant'; duplicate: string; kept: string }
  | { code: 'duplicate-node'; duplicate: string; kept: string }
  | { code: 'folded-batchnorm'; bn: string; into: NodeLabel }
  | { code: 'batchnorm-matmul-to-gemm'; matmul: string; bn: string; gemm: string }
  | { code: 'folded-affine'; folded: NodeLabel; into: NodeLabel }
  | { code: 'lowered-batchnorm'; bn: string }
  | { code: 'merged-clamps'; first: NodeLabel; second: NodeLabel; op: string; lo: number; hi: number }
  | { code: 'fused-activation'; producer: NodeLabel; activation: NodeLabel; fused: NodeLabel }
  | { code: 'matmul-add-to-gemm'; matmul: string; add: string; gemm: string }
  | { code: 'transposes-undo'; first: string; second: string }
  | { code: 'transposes-composed'; first: string; second: string; perm: number[] }
  | { code: 'reshapes-merged'; first: string; second: string; firstRemoved: boolean }
  | { code: 'activation-after-pool'; activation: NodeLabel; pool: NodeLabel; fewer?: number }
  | { code: 'nhwc-converted'; node: NodeLabel; form: string }
  | { code: 'nhwc-cancelled'; first: string; second: string }
  | { code: 'nhwc-merged'; first: string; second: string; perm: number[] }
  | { code: 'nhwc-moved'; transposes: string[]; node: NodeLabel; form?: string }
  | { code: 'nhwc-reshape'; transpose: string };

export type RewriteCode = RewriteMessage['code'];

/** Names as a message lists them: at most `max`, then an ellipsis. */
export const shortList = (names: readonly string[], max = 5) =>
  names.slice(0, max).join(', ') + (names.length > max ? ', …' : '');

/** A ratio as a message prints it: three significant digits. */
export const shortRatio = (x: number) => Number(x.toPrecision(3));

const label = (n: NodeLabel) => `${n.op} ${n.name}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function reasonText(r: RedundantReason): string {
  switch (r.kind) {
    case 'identity':
      return 'Identity';
    case 'dropout':
      return 'Dropout at inference';
    case 'cast-to-own-type':
      return `Cast to its own type ${r.dtype}`;
    case 'identity-perm':
      return 'Transpose by the identity permutation';
    case 'low-rank-transpose':
      return `Transpose of a rank-${r.rank} tensor`;
    case 'reshape-to-own-shape':
      return 'Reshape to its own shape';
    case 'zero-pad':
      return 'Pad by zeros';
    case 'whole-slice':
      return 'Slice of the whole tensor';
    case 'squeeze-pair':
      return `${r.first} then ${r.second} over the same axes`;
    case 'neutral-constant':
      return `${r.op} by the constant ${r.value}`;
  }
}

/** The rewrite in one English line, e.g. "folded bn1 into the weights and bias of Conv conv1". */
export function englishSummary(m: RewriteMessage): string {
  switch (m.code) {
    case 'removed-redundant':
      return `removed ${m.removed.join(' and ')}: ${reasonText(m.reason)}`;
    case 'removed-dead': {
      const parts = [
        ...(m.nodes.length ? [`${plural(m.nodes.length, 'dead node')} (${shortList(m.nodes)})`] : []),
        ...(m.initializers ? [plural(m.initializers, 'unused initializer')] : []),
      ];
      return `removed ${parts.join(' and ')}`;
    }
    case 'folded-constant':
      return `folded ${label(m.node)} into the constant ${m.constants.join(', ')}`;
    case 'constant-reshape':
      return `${m.node} reshapes to the constant [${m.shape.join(', ')}] instead of a shape computed from its input's shape`;
    case 'duplicate-constant':
      return `constant ${m.duplicate} is a copy of ${m.kept}: its readers read ${m.kept}`;
    case 'duplicate-node':
      return `${m.duplicate} computes what ${m.kept} computes: its readers read ${m.kept}`;
    case 'folded-batchnorm':
      return `folded ${m.bn} into the weights and bias of ${label(m.into)}`;
    case 'batchnorm-matmul-to-gemm':
      return `${m.matmul} (MatMul) and ${m.bn} became the Gemm ${m.gemm}`;
    case 'folded-affine':
      return `folded ${label(m.folded)} into the weights and bias of ${label(m.into)}`;
    case 'lowered-batchnorm':
      return `lowered ${m.bn} to Mul by its per-channel scale and Add of its shift`;
    case 'merged-clamps':
      return `${label(m.first)} and ${label(m.second)} clamp once: ${m.op} to [${m.lo}, ${m.hi}]`;
    case 'fused-activation':
      return `${label(m.producer)} and ${label(m.activation)} became ${label(m.fused)}`;
    case 'matmul-add-to-gemm':
      return `${m.matmul} (MatMul) and ${m.add} (Add) became the Gemm ${m.gemm}`;
    case 'transposes-undo':
      return `${m.first} and ${m.second} undo each other: removed`;
    case 'transposes-composed':
      return `${m.second} transposes ${m.first}'s input directly by [${m.perm.join(', ')}]`;
    case 'reshapes-merged':
      return `${m.second} reshapes ${m.first}'s input directly${m.firstRemoved ? `; ${m.first} removed` : ''}`;
    case 'activation-after-pool': {
      const gain = m.fewer ? `: it runs on ${shortRatio(m.fewer)}× fewer elements` : '';
      return `moved ${label(m.activation)} after ${label(m.pool)}${gain}`;
    }
    case 'nhwc-converted':
      return `converted ${label(m.node)} to ${m.form}, between NCHW ⇄ NHWC transposes`;
    case 'nhwc-cancelled':
      return `cancelled transposes ${m.first} and ${m.second} (inverse permutations)`;
    case 'nhwc-merged':
      return `merged transposes ${m.first} and ${m.second} into one, perm [${m.perm.join(', ')}]`;
    case 'nhwc-moved': {
      const what = m.form ? `${label(m.node)} into ${m.form}` : label(m.node);
      return `moved transpose${m.transposes.length > 1 ? 's' : ''} ${m.transposes.join(' and ')} below ${what}`;
    }
    case 'nhwc-reshape':
      return `transpose ${m.transpose} only moves size-1 axes: a Reshape, no data moved`;
  }
}
