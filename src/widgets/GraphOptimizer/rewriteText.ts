// A rewrite in the reader's language. English is the engine's own line (englishSummary); Chinese is worded
// here from the same message, so both say exactly what the pass recorded.
import {
  englishSummary,
  shortList,
  shortRatio,
  type NodeLabel,
  type RedundantReason,
  type RewriteMessage,
} from '../../engine';
import type { Lang } from '../../ui/i18n';

const label = (n: NodeLabel) => `${n.op} ${n.name}`;
const list = (xs: readonly (string | number)[]) => `[${xs.join(', ')}]`;

function reasonZh(r: RedundantReason): string {
  switch (r.kind) {
    case 'identity':
      return 'Identity 原样输出输入';
    case 'dropout':
      return '推理时 Dropout 不起作用';
    case 'cast-to-own-type':
      return `Cast 的目标类型 ${r.dtype} 就是输入的类型`;
    case 'identity-perm':
      return 'Transpose 的置换是恒等置换';
    case 'low-rank-transpose':
      return `对秩为 ${r.rank} 的张量做 Transpose`;
    case 'reshape-to-own-shape':
      return 'Reshape 的目标形状就是输入的形状';
    case 'zero-pad':
      return 'Pad 各边的填充量都是 0';
    case 'whole-slice':
      return 'Slice 取的是整个张量';
    case 'squeeze-pair':
      return `先 ${r.first} 再 ${r.second}，作用于相同的轴`;
    case 'neutral-constant':
      return `${r.op} 的另一个操作数是常量 ${r.value}`;
  }
}

function chinese(m: RewriteMessage): string {
  switch (m.code) {
    case 'removed-redundant':
      return `删除了 ${m.removed.join(' 和 ')}：${reasonZh(m.reason)}`;
    case 'removed-dead': {
      const parts = [
        ...(m.nodes.length ? [`${m.nodes.length} 个死节点（${shortList(m.nodes)}）`] : []),
        ...(m.initializers ? [`${m.initializers} 个未被使用的初始值（initializer）`] : []),
      ];
      return `删除了 ${parts.join('和 ')}`;
    }
    case 'folded-constant':
      return `把 ${label(m.node)} 折叠成常量 ${m.constants.join('、')}`;
    case 'constant-reshape':
      return `${m.node} 改按常量形状 ${list(m.shape)} 重塑，不再由输入的形状算出`;
    case 'duplicate-constant':
      return `常量 ${m.duplicate} 与 ${m.kept} 完全相同：读它的节点改读 ${m.kept}`;
    case 'duplicate-node':
      return `${m.duplicate} 与 ${m.kept} 算的是同一个结果：读它的节点改读 ${m.kept}`;
    case 'folded-batchnorm':
      return `把 ${m.bn} 折叠进 ${label(m.into)} 的权重和偏置`;
    case 'batchnorm-matmul-to-gemm':
      return `${m.matmul}（MatMul）和 ${m.bn} 合并为 Gemm ${m.gemm}`;
    case 'folded-affine':
      return `把 ${label(m.folded)} 折叠进 ${label(m.into)} 的权重和偏置`;
    case 'lowered-batchnorm':
      return `把 ${m.bn} 改写为 Mul（乘逐通道的缩放）加 Add（加偏移）`;
    case 'merged-clamps':
      return `${label(m.first)} 和 ${label(m.second)} 合为一次截断：${m.op} 到 ${list([m.lo, m.hi])}`;
    case 'fused-activation':
      return `${label(m.producer)} 和 ${label(m.activation)} 融合为 ${label(m.fused)}`;
    case 'matmul-add-to-gemm':
      return `${m.matmul}（MatMul）和 ${m.add}（Add）合并为 Gemm ${m.gemm}`;
    case 'transposes-undo':
      return `${m.first} 和 ${m.second} 互相抵消：都已删除`;
    case 'transposes-composed':
      return `${m.second} 直接转置 ${m.first} 的输入，置换为 ${list(m.perm)}`;
    case 'reshapes-merged':
      return `${m.second} 直接重塑 ${m.first} 的输入${m.firstRemoved ? `；删除了 ${m.first}` : ''}`;
    case 'activation-after-pool': {
      const gain = m.fewer ? `：它要处理的元素只有原来的 1/${shortRatio(m.fewer)}` : '';
      return `把 ${label(m.activation)} 移到 ${label(m.pool)} 之后${gain}`;
    }
    case 'nhwc-converted':
      return `把 ${label(m.node)} 转换为 ${m.form}，前后各加一个 NCHW ⇄ NHWC 转置`;
    case 'nhwc-cancelled':
      return `抵消了转置 ${m.first} 和 ${m.second}（两者的置换互逆）`;
    case 'nhwc-merged':
      return `把转置 ${m.first} 和 ${m.second} 合并为一个，置换为 ${list(m.perm)}`;
    case 'nhwc-moved': {
      const what = m.form ? `${label(m.node)}（并把它改写为 ${m.form}）` : label(m.node);
      return `把转置 ${m.transposes.join(' 和 ')} 移到 ${what} 之后`;
    }
    case 'nhwc-reshape':
      return `转置 ${m.transpose} 只移动长度为 1 的轴：改成 Reshape，不搬动数据`;
  }
}

/** What a rewrite did, in one line of the reader's language. */
export const describeRewrite = (m: RewriteMessage, lang: Lang): string =>
  lang === 'zh' ? chinese(m) : englishSummary(m);
