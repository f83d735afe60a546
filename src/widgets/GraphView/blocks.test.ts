import { describe, expect, it } from 'vitest';
import type { Node } from '../../engine';
import { blockChains, detectBlocks, scopeOf, topologicalOrder } from './blocks';
import { syntheticGraph } from './synthetic';

const node = (name: string, opType: string, inputs: string[], outputs: string[]): Node => ({
  name,
  opType,
  domain: '',
  inputs,
  outputs,
  attributes: {},
});

/** MobileNetV2-like names: features.0 stem, features.1–3 inverted residuals, a classifier. */
function mobileNetLike(): Node[] {
  const nodes: Node[] = [];
  let last = 'input';
  const push = (name: string, op: string, extra: string[] = []) => {
    const out = `${name}_out`;
    nodes.push(node(name, op, [last, ...extra], [out]));
    last = out;
  };
  push('/features/features.0/features.0.0/Conv', 'Conv');
  push('/features/features.0/features.0.2/Clip', 'Clip');
  for (const b of [1, 2, 3]) {
    const input = last;
    push(`/features/features.${b}/conv/conv.0/conv.0.0/Conv`, 'Conv');
    nodes.push(node(`/features/features.${b}/conv/conv.0/conv.0.2/Constant`, 'Constant', [], [`c${b}`]));
    push(`/features/features.${b}/conv/conv.0/conv.0.2/Clip`, 'Clip', [`c${b}`]);
    push(`/features/features.${b}/conv/conv.1/conv.1.0/Conv`, 'Conv');
    push(`/features/features.${b}/conv/conv.1/conv.1.2/Clip`, 'Clip');
    push(`/features/features.${b}/conv/conv.2/Conv`, 'Conv');
    if (b > 1) push(`/features/features.${b}/Add`, 'Add', [input]);
  }
  push('/GlobalAveragePool', 'GlobalAveragePool');
  push('/classifier/classifier.1/Gemm', 'Gemm');
  return nodes;
}

describe('scopeOf', () => {
  it('reads PyTorch, TensorFlow and dotted module paths, and nothing from flat names', () => {
    expect(scopeOf('/features/features.3/conv/conv.0/Conv')).toEqual([
      'features',
      'features.3',
      'conv',
      'conv.0',
    ]);
    expect(scopeOf('model/block_3/conv/Conv2D')).toEqual(['model', 'block_3', 'conv']);
    expect(scopeOf('layer1.0.conv1')).toEqual(['layer1', '0']);
    expect(scopeOf('Conv_12')).toEqual([]);
    expect(scopeOf('')).toEqual([]);
  });
});

describe('detectBlocks by name scope', () => {
  const nodes = mobileNetLike();
  const blocks = detectBlocks(nodes);

  it('finds the numbered blocks, nested ones inside their parents', () => {
    const ids = blocks.map((b) => b.id);
    expect(ids).toContain('features/features.0');
    expect(ids).toContain('features/features.3');
    expect(ids).toContain('features/features.3/conv/conv.0');
    expect(ids).toContain('features/features.3/conv/conv.1');
    // conv.2 is a single Conv; classifier.1 a single Gemm: nothing to collapse
    expect(ids.some((id) => id.endsWith('conv.2') || id.includes('classifier'))).toBe(false);
    const outer = blocks.find((b) => b.id === 'features/features.2')!;
    expect(outer.label).toBe('features.2');
    expect(outer.members.map((m) => nodes[m].opType)).toEqual([
      'Conv',
      'Constant',
      'Clip',
      'Conv',
      'Clip',
      'Conv',
      'Add',
    ]);
    const inner = blocks.find((b) => b.id === 'features/features.2/conv/conv.0')!;
    expect(blocks[inner.parent]).toBe(outer);
    expect(inner.members.every((m) => outer.members.includes(m))).toBe(true);
  });

  it('lists parents before children, and gives every node its chain of blocks', () => {
    blocks.forEach((b, k) => expect(b.parent).toBeLessThan(k));
    const chains = blockChains(nodes.length, blocks);
    const clip = nodes.findIndex((n) => n.name === '/features/features.3/conv/conv.0/conv.0.2/Clip');
    expect(chains[clip].map((k) => blocks[k].label)).toEqual(['features.3', 'conv.0']);
    expect(chains[nodes.length - 1]).toEqual([]);
  });

  it('finds the stages and blocks of the generated network', () => {
    const g = syntheticGraph({ nodes: 600, seed: 4 });
    const found = detectBlocks(g.nodes);
    const stages = found.filter((b) => b.parent === -1);
    expect(stages.length).toBeGreaterThan(2);
    expect(stages.every((s) => /^stage\.\d+$/.test(s.label))).toBe(true);
    const nested = found.filter((b) => b.parent >= 0);
    expect(nested.every((b) => /^block\.\d+$/.test(b.label))).toBe(true);
    // every node but the stem belongs to a stage
    const covered = new Set(stages.flatMap((s) => s.members));
    expect(g.nodes.filter((_, i) => !covered.has(i)).every((n) => n.name.startsWith('/stem/'))).toBe(true);
  });
});

describe('detectBlocks by structure', () => {
  it('finds repeated residual pieces in a graph with flat names', () => {
    const nodes: Node[] = [];
    let x = 'input';
    nodes.push(node('Conv_0', 'Conv', [x], ['s']));
    x = 's';
    for (let b = 0; b < 4; b++) {
      nodes.push(node(`Conv_${b}a`, 'Conv', [x], [`a${b}`]));
      nodes.push(node(`Relu_${b}`, 'Relu', [`a${b}`], [`r${b}`]));
      nodes.push(node(`Conv_${b}b`, 'Conv', [`r${b}`], [`c${b}`]));
      nodes.push(node(`Add_${b}`, 'Add', [`c${b}`, x], [`y${b}`]));
      x = `y${b}`;
    }
    nodes.push(node('Gemm_9', 'Gemm', [x], ['out']));
    const blocks = detectBlocks(nodes, new Set(['out']));
    expect(blocks).toHaveLength(4);
    for (const [b, block] of blocks.entries()) {
      expect(block.members.map((m) => nodes[m].name)).toEqual([
        `Conv_${b}a`,
        `Relu_${b}`,
        `Conv_${b}b`,
        `Add_${b}`,
      ]);
      expect(block.label).toBe('Conv … Add');
      expect(block.parent).toBe(-1);
    }
  });

  it('finds the repeated blocks of the generated network with its names removed', () => {
    const g = syntheticGraph({ nodes: 400, seed: 2, scoped: false });
    const blocks = detectBlocks(g.nodes, new Set(g.outputs.map((o) => o.name)));
    expect(blocks.length).toBeGreaterThan(5);
    const members = blocks.flatMap((b) => b.members);
    expect(new Set(members).size).toBe(members.length); // disjoint
  });

  it('finds nothing in a graph without repeats', () => {
    const nodes = [
      node('A', 'Conv', ['x'], ['a']),
      node('B', 'Relu', ['a'], ['b']),
      node('C', 'Gemm', ['b'], ['c']),
    ];
    expect(detectBlocks(nodes, new Set(['c']))).toEqual([]);
  });
});

describe('topologicalOrder', () => {
  it('keeps a topological file order and repairs one that is not', () => {
    const sorted = [node('a', 'Relu', ['x'], ['a']), node('b', 'Relu', ['a'], ['b'])];
    expect(topologicalOrder(sorted)).toEqual([0, 1]);
    expect(topologicalOrder([sorted[1], sorted[0]])).toEqual([1, 0]);
    // a cycle (invalid ONNX) still yields every node once
    const cyclic = [node('a', 'Add', ['x', 'b'], ['a']), node('b', 'Relu', ['a'], ['b'])];
    expect(topologicalOrder(cyclic).sort()).toEqual([0, 1]);
  });
});
