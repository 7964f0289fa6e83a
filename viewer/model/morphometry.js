import { assessSpine, compareLevels, cranialPositionMm, levelsOutOfOrder, } from '../../measurement';
import { coarsestPlane } from './displayedPlane';
import { measurementsOfSeries } from './measurements';
/**
 * THE policy for a level measured twice (or more) on one series, the single place it is decided:
 * every row of that level is kept and flagged as a duplicate (the clinician sees both and relabels or deletes one);
 * none of them is assessed or used as a neighbour reference; the other levels are assessed without them.
 * The panel, the tool's colours, the report, the JSON and CSV exports, compare mode and the DICOM SR all read
 * seriesMorphometry, so they give the same answer: the SR holds the assessed levels and the notice names the
 * duplicates it left out (a duplicate pair cannot be coded as one measurement group per level).
 */
export const DUPLICATE_LEVEL_MESSAGE = (level) => `${level} is measured more than once: relabel or delete one`;
/** Genant grade colours for the drawing and the panel: normal green → severe red. */
export const GRADE_COLORS = ['rgb(60, 200, 60)', 'rgb(240, 230, 50)', 'rgb(255, 150, 0)', 'rgb(255, 60, 60)'];
export const UNCALIBRATED_COLOR = 'rgb(150, 200, 255)';
const cache = new WeakMap();
/**
 * The one assessment of a series (memoised per measurements state and series): measurement/'s assessSpine over its
 * vertebrae, cranial → caudal, with the duplicate-level policy above.
 */
export function seriesMorphometry(state, seriesKey) {
    let perSeries = cache.get(state.byId);
    if (!perSeries) {
        perSeries = new Map();
        cache.set(state.byId, perSeries);
    }
    const cached = perSeries.get(seriesKey);
    if (cached)
        return cached;
    const measurements = measurementsOfSeries(state, seriesKey).sort((a, b) => compareLevels(a.level, b.level));
    const counts = new Map();
    for (const m of measurements)
        counts.set(m.level, (counts.get(m.level) ?? 0) + 1);
    const unique = measurements.filter((m) => counts.get(m.level) === 1);
    const plane = coarsestPlane(unique.flatMap((m) => (m.plane ? [m.plane] : [])));
    const input = unique.map((m) => ({ level: m.level, points: m.points }));
    // A plane that cannot be used (e.g. from a damaged file) costs the uncertainty, never the assessment.
    const withPlane = unique.length > 0 && plane !== null ? assessSpine(input, { plane }) : null;
    const assessed = withPlane?.ok ? withPlane : unique.length > 0 ? assessSpine(input) : null;
    const byLevel = new Map();
    let spineError = null;
    if (assessed?.ok)
        for (const level of assessed.value.levels)
            byLevel.set(level.level, level);
    else if (assessed)
        spineError = assessed.error.message;
    const rows = measurements.map((measurement) => {
        if ((counts.get(measurement.level) ?? 0) > 1) {
            return { measurement, assessment: null, error: DUPLICATE_LEVEL_MESSAGE(measurement.level), duplicate: true };
        }
        const assessment = byLevel.get(measurement.level) ?? null;
        return { measurement, assessment, error: assessment ? null : spineError ?? 'not assessable', duplicate: false };
    });
    const result = { rows, calibrated: measurements.every((m) => m.calibrated), plane: withPlane?.ok ? plane : null, levelOrder: levelOrderOf(unique) };
    perSeries.set(seriesKey, result);
    return result;
}
/** The measured labels out of anatomical order along the patient's S axis; none when a position cannot be computed. */
function levelOrderOf(measurements) {
    const positioned = measurements.flatMap((m) => {
        const position = cranialPositionMm(m.points);
        return position.ok ? [{ level: m.level, cranialPositionMm: position.value }] : [];
    });
    const violations = levelsOutOfOrder(positioned);
    return violations.ok ? violations.value : [];
}
/** The vertebrae of a series that are assessed (every level measured once), as measurement/'s input, cranial → caudal. */
export function assessedSpineInput(morphometry) {
    return morphometry.rows.filter((row) => !row.duplicate).map(({ measurement }) => ({ level: measurement.level, points: measurement.points }));
}
