import { describe, expect, it } from 'vitest';
import { englishSummary, type RewriteCode, type RewriteMessage } from '../../engine';
import { describeRewrite } from './rewriteText';

const conv = { op: 'Conv', name: 'conv1' };
/** One message of every code (the type makes a new code without a sample a compile error). */
const SAMPLES: { [C in RewriteCode]: Extract<RewriteMessage, { code: C }> } = {
  'removed-redundant': {
    code: 'removed-redundant',
    removed: ['sq', 'unsq'],
    reason: { kind: 'squeeze-pair', first: 'Unsqueeze', second: 'Squeeze' },
  },
  'removed-dead': { code: 'removed-dead', nodes: ['a', 'b'], initializers: 3 },
  'folded-constant': { code: 'folded-constant', node: { op: 'Shape', name: 's' }, constants: ['int64[4]'] },
  'constant-reshape': { code: 'constant-reshape', node: 'r', shape: [1, 256] },
  'duplicate-constant': { code: 'duplicate-constant', duplicate: 'c2', kept: 'c1' },
  'duplicate-node': { code: 'duplicate-node', duplicate: 'n2', kept: 'n1' },
  'folded-batchnorm': { code: 'folded-batchnorm', bn: 'bn1', into: conv },
  'batchnorm-matmul-to-gemm': { code: 'batchnorm-matmul-to-gemm', matmul: 'mm', bn: 'bn', gemm: 'mm+bn' },
  'folded-affine': { code: 'folded-affine', folded: { op: 'Mul', name: 'm' }, into: conv },
  'lowered-batchnorm': { code: 'lowered-batchnorm', bn: 'bn' },
  'merged-clamps': {
    code: 'merged-clamps',
    first: { op: 'Relu', name: 'r' },
    second: { op: 'Clip', name: 'c' },
    op: 'Clip',
    lo: 0,
    hi: 6,
  },
  'fused-activation': {
    code: 'fused-activation',
    producer: conv,
    activation: { op: 'Relu', name: 'relu1' },
    fused: { op: 'FusedConv', name: 'conv1+relu1' },
  },
  'matmul-add-to-gemm': { code: 'matmul-add-to-gemm', matmul: 'mm', add: 'add', gemm: 'mm+add' },
  'transposes-undo': { code: 'transposes-undo', first: 't1', second: 't2' },
  'transposes-composed': { code: 'transposes-composed', first: 't1', second: 't2', perm: [0, 2, 1] },
  'reshapes-merged': { code: 'reshapes-merged', first: 'r1', second: 'r2', firstRemoved: true },
  'activation-after-pool': {
    code: 'activation-after-pool',
    activation: { op: 'Relu', name: 'r' },
    pool: { op: 'MaxPool', name: 'p' },
    fewer: 4,
  },
  'nhwc-converted': { code: 'nhwc-converted', node: conv, form: 'com.microsoft NhwcConv' },
  'nhwc-cancelled': { code: 'nhwc-cancelled', first: 't1', second: 't2' },
  'nhwc-merged': { code: 'nhwc-merged', first: 't1', second: 't2', perm: [0, 3, 1, 2] },
  'nhwc-moved': { code: 'nhwc-moved', transposes: ['t1', 't2'], node: { op: 'Add', name: 'add' } },
  'nhwc-reshape': { code: 'nhwc-reshape', transpose: 't' },
};

// English words of the engine's lines that must not leak into the Chinese ones (operator names may)
const ENGLISH =
  /\b(removed|folded|into|became|moved|merged|cancelled|converted|reshapes|computes|the|and|of)\b/;

describe('describeRewrite', () => {
  it.each(Object.values(SAMPLES).map((m) => [m.code, m] as const))(
    '%s: English is the engine line, Chinese is Chinese',
    (_code, m) => {
      expect(describeRewrite(m, 'en')).toBe(englishSummary(m));
      const zh = describeRewrite(m, 'zh');
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(zh).not.toMatch(ENGLISH);
    },
  );

  it('keeps the names and numbers of the message', () => {
    const zh = describeRewrite(SAMPLES['activation-after-pool'], 'zh');
    expect(zh).toBe('把 Relu r 移到 MaxPool p 之后：它要处理的元素只有原来的 1/4');
    expect(describeRewrite(SAMPLES['removed-dead'], 'zh')).toBe(
      '删除了 2 个死节点（a, b）和 3 个未被使用的初始值（initializer）',
    );
  });
});
