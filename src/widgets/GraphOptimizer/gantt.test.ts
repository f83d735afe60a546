import { describe, expect, it } from 'vitest';
import { byteTicks } from './gantt';

describe('byteTicks', () => {
  it('puts the arena axis ticks on round kilobytes or megabytes', () => {
    expect(byteTicks(16 * 1024, 5)).toEqual([0, 5, 10, 15].map((k) => k * 1024));
    expect(byteTicks(5.72 * 1024 ** 2, 5)).toEqual([0, 1, 2, 3, 4, 5].map((m) => m * 1024 ** 2));
    expect(byteTicks(640, 4)).toEqual([0, 200, 400, 600]);
  });
});
