import { describe, expect, it } from 'vitest';
import { roundHalfEven } from './rounding';

describe('rounding', () => {
  it('roundHalfEven sends ties to the even neighbour', () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999, 2.5001, -7.2].map(roundHalfEven)).toEqual([
      0, 2, 2, 4, 0, -2, -2, 2, 3, -7,
    ]);
  });
});
