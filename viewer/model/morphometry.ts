import { assessSpine, type LevelAssessment, type SpinalLevel, compareLevels } from '../../measurement';
import { measurementsOfSeries, type MeasurementsState, type VertebraMeasurement } from './measurements';

/** One panel row: the measurement and its assessment, or why it has none. */
export interface MorphometryRow {
  measurement: VertebraMeasurement;
  assessment: LevelAssessment | null;
  error: string | null;
}

export interface SeriesMorphometry {
  rows: MorphometryRow[];
  calibrated: boolean;
}

/** Genant grade colours for the drawing and the panel: normal green → severe red. */
export const GRADE_COLORS = ['rgb(60, 200, 60)', 'rgb(240, 230, 50)', 'rgb(255, 150, 0)', 'rgb(255, 60, 60)'] as const;
export const UNCALIBRATED_COLOR = 'rgb(150, 200, 255)';

const cache = new WeakMap<MeasurementsState['byId'], Map<string, SeriesMorphometry>>();

/**
 * Assesses the vertebrae of one series with measurement/'s assessSpine, cranial → caudal.
 * A level measured twice gets an error row each (relabel or delete one); the others are assessed together.
 */
export function seriesMorphometry(state: MeasurementsState, seriesKey: string): SeriesMorphometry {
  let perSeries = cache.get(state.byId);
  if (!perSeries) {
    perSeries = new Map();
    cache.set(state.byId, perSeries);
  }
  const cached = perSeries.get(seriesKey);
  if (cached) return cached;

  const measurements = measurementsOfSeries(state, seriesKey).sort((a, b) => compareLevels(a.level, b.level));
  const counts = new Map<SpinalLevel, number>();
  for (const m of measurements) counts.set(m.level, (counts.get(m.level) ?? 0) + 1);
  const unique = measurements.filter((m) => counts.get(m.level) === 1);
  const assessed = unique.length > 0 ? assessSpine(unique.map((m) => ({ level: m.level, points: m.points }))) : null;
  const byLevel = new Map<SpinalLevel, LevelAssessment>();
  let spineError: string | null = null;
  if (assessed?.ok) for (const level of assessed.value.levels) byLevel.set(level.level, level);
  else if (assessed) spineError = assessed.error.message;

  const rows = measurements.map((measurement): MorphometryRow => {
    if (counts.get(measurement.level)! > 1) {
      return { measurement, assessment: null, error: `${measurement.level} is measured more than once: relabel or delete one` };
    }
    const assessment = byLevel.get(measurement.level) ?? null;
    return { measurement, assessment, error: assessment ? null : spineError ?? 'not assessable' };
  });
  const result = { rows, calibrated: measurements.every((m) => m.calibrated) };
  perSeries.set(seriesKey, result);
  return result;
}
