import { describe, expect, it } from 'vitest';
import { shortNodeName, targetLabel } from './labels';

describe('shortNodeName', () => {
  it('drops scope components that the next one repeats', () => {
    expect(shortNodeName('/features/features.2/conv/conv.1/conv.1.0/Conv')).toBe('features.2/conv.1.0/Conv');
    expect(shortNodeName('/block1/block1.0/Conv')).toBe('block1.0/Conv');
    expect(shortNodeName('/fc1/Gemm')).toBe('fc1/Gemm');
  });

  it('keeps names without scopes, and never returns an empty name', () => {
    expect(shortNodeName('Conv_3')).toBe('Conv_3');
    expect(shortNodeName('/')).toBe('/');
  });

  it('labels weights with their shape', () => {
    expect(
      targetLabel({
        kind: 'weight',
        value: 'w',
        node: '/block1/block1.0/Conv',
        opType: 'Conv',
        dims: [16, 1, 3, 3],
        axis: 0,
      }),
    ).toBe('block1.0/Conv · 16×1×3×3');
  });
});
