import { describe, expect, it } from 'vitest';
import type { Graph, Node } from '../../engine';
import { buildModel, buildView } from './model';
import { overlayRamp, overlayView, textOn } from './overlay';

const node = (name: string, opType: string, inputs: string[], outputs: string[]): Node => ({
  name,
  opType,
  domain: '',
  inputs,
  outputs,
  attributes: {},
});

/** stem → two numbered blocks of two nodes → head */
function graph(): Graph {
  const nodes = [
    node('/stem/Conv', 'Conv', ['x'], ['s']),
    node('/b/b.0/Conv', 'Conv', ['s'], ['a0']),
    node('/b/b.0/Relu', 'Relu', ['a0'], ['r0']),
    node('/b/b.1/Conv', 'Conv', ['r0'], ['a1']),
    node('/b/b.1/Relu', 'Relu', ['a1'], ['r1']),
  ];
  return {
    name: 'g',
    nodes,
    inputs: [{ name: 'x', type: null }],
    outputs: [{ name: 'r1', type: null }],
    initializers: new Map(),
    valueInfo: new Map(),
  };
}

describe('overlayView', () => {
  const model = buildModel(graph());
  const values = new Map([
    ['/stem/Conv', 10],
    ['/b/b.0/Conv', 30],
    ['/b/b.0/Relu', 2],
    ['/b/b.1/Conv', 20],
  ]);

  it('colours nodes along the domain of the values and labels them; nodes without a value stay plain', () => {
    const view = buildView(model);
    const o = overlayView(view, model, {
      title: 'MACs',
      values,
      color: (t) => `rgb(${Math.round(t * 255)}, 0, 0)`,
    });
    expect(o.domain).toEqual([2, 30]);
    const at = (key: string) => view.indexOf.get(key)!;
    expect(o.fill[at('/b/b.0/Conv')]).toBe('rgb(255, 0, 0)');
    expect(o.fill[at('/b/b.0/Relu')]).toBe('rgb(0, 0, 0)');
    expect(o.text[at('/b/b.0/Relu')]).toBe('#ffffff');
    expect(o.label[at('/stem/Conv')]).toBe('10');
    expect(o.fill[at('/b/b.1/Relu')]).toBeNull();
    expect(o.fill[at('input:x')]).toBeNull();
  });

  it('aggregates the members of a collapsed block, by sum unless told otherwise', () => {
    const view = buildView(model, new Set(['b/b.0', 'b/b.1']));
    const block = view.indexOf.get('block:b/b.0')!;
    expect(overlayView(view, model, { title: 'MACs', values }).value[block]).toBe(32);
    expect(overlayView(view, model, { title: 'SQNR', values, aggregate: 'min' }).value[block]).toBe(2);
    expect(
      overlayView(view, model, { title: 'SQNR', values, aggregate: 'mean', format: (v) => `${v} dB` }).label[
        block
      ],
    ).toBe('16 dB');
  });

  it('clamps values outside a given domain to its ends', () => {
    const view = buildView(model);
    const o = overlayView(view, model, {
      title: 'SQNR',
      values,
      domain: [0, 10],
      color: (t) => `rgb(${t * 100}, 0, 0)`,
    });
    expect(o.fill[view.indexOf.get('/b/b.0/Conv')!]).toBe('rgb(100, 0, 0)');
    expect(overlayRamp({ title: 'x', values })).toMatch(/^linear-gradient\(to right, #/);
  });
});

describe('textOn', () => {
  it('picks the more legible of black and white text', () => {
    expect(textOn('#ffffff')).toBe('#000000');
    expect(textOn('#fde725')).toBe('#000000'); // viridis, top
    expect(textOn('#440154')).toBe('#ffffff'); // viridis, bottom
    expect(textOn('#1d4ed8')).toBe('#ffffff');
  });
});
