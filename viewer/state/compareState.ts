import type { TimePoint } from '../model/comparison';

/** Before/after comparison while compare mode is on: which studies are side by side. */
export interface CompareState {
  /** Every time point offered, oldest first. */
  timePoints: TimePoint[];
  /** Indices into timePoints of the two studies shown side by side. */
  baselineIndex: number;
  followUpIndex: number;
  /** Window/level and zoom follow from one view to the other. */
  linked: boolean;
}

/** The two studies shown side by side; null only if an index points past the list, which compare mode never builds. */
export function comparedTimePoints(compare: CompareState): { baseline: TimePoint; followUp: TimePoint } | null {
  const baseline = compare.timePoints[compare.baselineIndex];
  const followUp = compare.timePoints[compare.followUpIndex];
  return baseline && followUp ? { baseline, followUp } : null;
}
