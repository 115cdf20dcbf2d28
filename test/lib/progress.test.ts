import { describe, expect, it } from 'vitest';
import { computeProgress } from '../../src/lib/progress';

const exact = (value: number) => ({ value, valueMax: null, qualifier: 'exact' });

describe('computeProgress', () => {
  it('measures an increment target from its baseline', () => {
    const target = {
      comparator: 'at_least',
      targetValue: 65,
      targetKind: 'increment',
      baselineValue: 350,
    } as const;
    expect(computeProgress(target, exact(389))).toEqual({
      achieved: 39,
      ratio: 0.6,
      gap: 26,
      met: false,
    });
    expect(computeProgress(target, exact(420))).toEqual({
      achieved: 70,
      ratio: 70 / 65,
      gap: 0,
      met: true,
    });
  });

  it('measures a level target directly', () => {
    const target = {
      comparator: 'at_least',
      targetValue: 1.4,
      targetKind: 'level',
      baselineValue: null,
    } as const;
    expect(computeProgress(target, exact(0.7))).toEqual({
      achieved: 0.7,
      ratio: 0.5,
      gap: 0.7,
      met: false,
    });
  });

  it('is null, not 0, when the data cannot support it', () => {
    const increment = {
      comparator: 'at_least',
      targetValue: 65,
      targetKind: 'increment',
      baselineValue: null,
    } as const;
    const level = {
      comparator: 'at_least',
      targetValue: 50,
      targetKind: 'level',
      baselineValue: null,
    } as const;
    expect(computeProgress(increment, exact(400))).toBeNull(); // no baseline
    expect(computeProgress(level, null)).toBeNull(); // no claim
    expect(computeProgress(level, { value: null, valueMax: null, qualifier: null })).toBeNull();
    expect(computeProgress(level, { value: 25, valueMax: 30, qualifier: 'range' })).toBeNull();
    expect(
      computeProgress(level, { value: 40, valueMax: null, qualifier: 'more_than' }),
    ).toBeNull();
  });

  it('handles at-most targets without a meaningless ratio', () => {
    const target = {
      comparator: 'at_most',
      targetValue: 10,
      targetKind: 'level',
      baselineValue: null,
    } as const;
    expect(computeProgress(target, exact(12))).toEqual({
      achieved: 12,
      ratio: null,
      gap: 2,
      met: false,
    });
  });
});
