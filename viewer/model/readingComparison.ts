import { compareReadings, type ReadingComparison, type Result } from '../../measurement';
import { coarsestPlane } from './displayedPlane';
import type { VertebraMeasurement } from './measurements';

/** Two readings of the same series: the first (hidden during a blinded repeat) and the second, with their names. */
export interface SeriesReadings {
  readonly seriesKey: string;
  readonly first: ReadonlyArray<VertebraMeasurement>;
  readonly second: ReadonlyArray<VertebraMeasurement>;
  /** Who or what made the second reading, e.g. "blinded repeat" or the file of a second reader. */
  readonly secondLabel: string;
}

const cache = new WeakMap<SeriesReadings, Result<ReadingComparison>>();

/**
 * The two readings compared level by level with measurement/'s compareReadings (differences, RMS-CV, Bland–Altman
 * limits of agreement), both assessed on the coarsest plane either was placed on. A level measured twice within one
 * reading is left to the morphometry panel's duplicate check: only the first of each level is used here.
 */
export function seriesReadingComparison(readings: SeriesReadings): Result<ReadingComparison> {
  const cached = cache.get(readings);
  if (cached) return cached;
  const input = (measurements: ReadonlyArray<VertebraMeasurement>) => {
    const seen = new Set<string>();
    return measurements.filter((m) => !seen.has(m.level) && seen.add(m.level)).map((m) => ({ level: m.level, points: m.points }));
  };
  const plane = coarsestPlane([...readings.first, ...readings.second].flatMap((m) => (m.plane ? [m.plane] : [])));
  let result = compareReadings(input(readings.first), input(readings.second), { plane });
  if (!result.ok && result.error.code === 'INVALID_PLANE') result = compareReadings(input(readings.first), input(readings.second));
  cache.set(readings, result);
  return result;
}
