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
