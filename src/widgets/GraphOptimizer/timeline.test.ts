import { describe, expect, it } from 'vitest';
import type { Graph, Node } from '../../engine';
import type { TimelineStep } from '../../workers/optimizerProtocol';
import { diffPositions, nextStop, passStops, previousStop, runAt } from './timeline';

const node = (name: string, opType = 'Relu'): Node => ({
  name,
  opType,
  domain: '',
  inputs: [],
  outputs: [],
  attributes: {},
});
const graph = (...names: string[]): Graph => ({
  name: 'g',
  nodes: names.map((n) => node(n)),
  inputs: [],
  outputs: [],
  initializers: new Map(),
  valueInfo: new Map(),
});
const step = (s: Partial<TimelineStep> & Pick<TimelineStep, 'run'>): TimelineStep => ({
  pass: 'fold-batchnorm',
  message: { code: 'lowered-batchnorm', bn: 'bn' },
  summary: '',
  removed: [],
  added: [],
  changed: [],
  origins: {},
  iteration: 0,
  ...s,
});

// conv → bn → relu → id; then: bn folded into conv (changed), id removed, conv+relu fused into fused.
const graphs = [
  graph('conv', 'bn', 'relu', 'id'),
  graph('conv', 'relu', 'id'),
  graph('conv', 'relu'),
  graph('fused'),
];
const steps = [
  step({ run: 0, removed: ['bn'], changed: ['conv'], origins: { conv: ['conv', 'bn'] } }),
  step({ run: 1, pass: 'eliminate-redundant', removed: ['id'] }),
  step({
    run: 3,
    pass: 'fuse-activation',
    removed: ['conv', 'relu'],
    added: ['fused'],
    origins: { fused: ['conv', 'relu'] },
  }),
];

describe('diffPositions', () => {
  it('composes origins through a changed node into a later fusion', () => {
    const d = diffPositions(graphs, steps, 0, 3);
    expect([...d.removed].sort()).toEqual(['bn', 'conv', 'id', 'relu']);
    expect([...d.added]).toEqual(['fused']);
    expect(d.changed.size).toBe(0);
    expect(d.origins.get('fused')?.sort()).toEqual(['bn', 'conv', 'relu']);
    expect(d.successors.get('bn')).toEqual(['fused']);
    expect(d.successors.has('id')).toBe(false);
  });

  it('marks a node folded into in place as changed, standing for what it absorbed', () => {
    const d = diffPositions(graphs, steps, 0, 1);
    expect([...d.changed]).toEqual(['conv']);
    expect([...d.removed]).toEqual(['bn']);
    expect(d.origins.get('conv')).toEqual(['bn']);
    expect(d.successors.get('bn')).toEqual(['conv']);
  });

  it('between equal positions, nothing changed', () => {
    const d = diffPositions(graphs, steps, 2, 2);
    expect(d.removed.size + d.added.size + d.changed.size + d.origins.size).toBe(0);
  });

  it('from a later base, earlier rewrites do not count', () => {
    const d = diffPositions(graphs, steps, 2, 3);
    expect(d.origins.get('fused')?.sort()).toEqual(['conv', 'relu']);
    expect(d.changed.size).toBe(0);
  });
});

describe('pass stops', () => {
  const runs = [
    { rewrites: 1, end: 1 },
    { rewrites: 1, end: 2 },
    { rewrites: 0, end: 2 },
    { rewrites: 1, end: 3 },
  ].map((r, i) => ({ ...r, pass: 'cse' as const, iteration: i, ms: 0, stats: {} as never }));
  it('stops at 0 and after each run with rewrites', () => {
    const stops = passStops({ runs });
    expect(stops).toEqual([0, 1, 2, 3]);
    expect(nextStop(stops, 1)).toBe(2);
    expect(previousStop(stops, 1)).toBe(0);
    expect(nextStop(stops, 3)).toBe(3);
    expect(previousStop(stops, 0)).toBe(0);
  });
  it('finds the run of a position', () => {
    expect(runAt(steps, 0)).toBe(-1);
    expect(runAt(steps, 3)).toBe(3);
  });
});
