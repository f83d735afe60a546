import { describe, expect, it } from 'vitest';
import { axisLimit, isNoisy, position, ratioBar, ticks } from './chart';

describe('ratio chart', () => {
  it('spans the widest ratio by powers of 2, symmetric around the same speed', () => {
    expect(axisLimit([1.1, 0.9])).toBe(2);
    expect(axisLimit([5.2, 0.64])).toBe(8);
    expect(axisLimit([0.2])).toBe(8);
    expect(axisLimit([Number.NaN, 0, Infinity])).toBe(2);
    expect(ticks(4)).toEqual([0.25, 0.5, 1, 2, 4]);
  });

  it('puts 2× slower and 2× faster at the same distance from the centre', () => {
    expect(position(1, 4)).toBe(0.5);
    expect(position(2, 4) - 0.5).toBeCloseTo(0.5 - position(0.5, 4), 12);
    expect(position(4, 4)).toBe(1);
    expect(ratioBar(2, 4)).toEqual({ left: 0.5, right: 0.75, outcome: 'slower', clipped: false });
    expect(ratioBar(0.5, 4)).toEqual({ left: 0.25, right: 0.5, outcome: 'faster', clipped: false });
    expect(ratioBar(1.02, 4).outcome).toBe('same');
    expect(ratioBar(9, 4)).toMatchObject({ right: 1, clipped: true });
  });

  it('calls a measurement noisy when its rounds disagree by more than 30 %', () => {
    expect(isNoisy([1.5, 1.6, 1.55])).toBe(false);
    expect(isNoisy([1.2, 1.7])).toBe(true);
    expect(isNoisy([3])).toBe(false);
  });
});
