/** A plan target's progress from the latest reported figure; null wherever the data cannot tell. */

export interface TargetSpec {
  comparator: 'at_least' | 'at_most' | 'equals';
  targetValue: number;
  targetKind: 'level' | 'increment';
  baselineValue: number | null;
}

export interface Observation {
  value: number | null;
  valueMax: number | null;
  qualifier: string | null;
}

export interface TargetProgress {
  /** the value the target is judged by: the latest level, or for increments the change since the baseline */
  achieved: number;
  /** achieved as a share of the way from the baseline (or zero) to the target; 1 = reached */
  ratio: number | null;
  /** what remains to reach the target (0 once reached) */
  gap: number;
  met: boolean;
}

/**
 * Only a single figure can be compared with a target: an exact or "about" value is compared, while
 * a range or a "more than"/"less than" bound would make the answer a guess, so those give null.
 */
export function computeProgress(
  target: TargetSpec,
  latest: Observation | null,
): TargetProgress | null {
  if (!latest || latest.value === null || latest.valueMax !== null) return null;
  if (latest.qualifier !== null && latest.qualifier !== 'exact' && latest.qualifier !== 'about') {
    return null;
  }
  const start = target.targetKind === 'increment' ? target.baselineValue : 0;
  if (start === null) return null;
  const achieved = latest.value - start;
  const goal = target.targetValue;
  const met =
    target.comparator === 'at_least'
      ? achieved >= goal
      : target.comparator === 'at_most'
        ? achieved <= goal
        : achieved === goal;
  const gap =
    target.comparator === 'at_most' ? Math.max(0, achieved - goal) : Math.max(0, goal - achieved);
  const ratio = target.comparator === 'at_least' && goal !== 0 ? achieved / goal : null;
  return { achieved, ratio, gap, met };
}
