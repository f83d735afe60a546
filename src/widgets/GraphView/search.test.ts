import { describe, expect, it } from 'vitest';
import { searchNodes, stepMatch } from './search';

const entries = [
  { key: 'input:x', name: 'x', opType: 'Input' },
  { key: '/features/features.0/conv/Conv', name: '/features/features.0/conv/Conv', opType: 'Conv' },
  {
    key: '/features/features.0/ConvTranspose',
    name: '/features/features.0/ConvTranspose',
    opType: 'ConvTranspose',
  },
  { key: '/features/features.1/conv/Relu', name: '/features/features.1/conv/Relu', opType: 'Relu' },
  { key: 'Add#4', name: '', opType: 'Add' },
];

describe('searchNodes', () => {
  it('puts exact operator matches first, then operator prefixes, then names, each in graph order', () => {
    expect(searchNodes(entries, 'conv')).toEqual([1, 2, 3]);
    expect(searchNodes(entries, 'CONVT')).toEqual([2]);
    expect(searchNodes(entries, 'features.1')).toEqual([3]);
  });

  it('matches nodes without a name by their key, and nothing for a blank query', () => {
    expect(searchNodes(entries, 'add#4')).toEqual([4]);
    expect(searchNodes(entries, '  ')).toEqual([]);
    expect(searchNodes(entries, 'softmax')).toEqual([]);
  });
});

describe('stepMatch', () => {
  it('walks forwards and backwards with wrap-around', () => {
    expect(stepMatch(3, -1, 1)).toBe(0);
    expect(stepMatch(3, -1, -1)).toBe(2);
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});
