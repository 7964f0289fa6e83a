import { compareReadings } from '../../measurement';
import { coarsestPlane } from './displayedPlane';
const cache = new WeakMap();
/**
 * The two readings compared level by level with measurement/'s compareReadings (differences, RMS-CV, Bland–Altman
 * limits of agreement), both assessed on the coarsest plane either was placed on. A level measured twice within one
 * reading is left to the morphometry panel's duplicate check: only the first of each level is used here.
 */
export function seriesReadingComparison(readings) {
    const cached = cache.get(readings);
    if (cached)
        return cached;
    const input = (measurements) => {
        const seen = new Set();
        return measurements.filter((m) => !seen.has(m.level) && seen.add(m.level)).map((m) => ({ level: m.level, points: m.points }));
    };
    const plane = coarsestPlane([...readings.first, ...readings.second].flatMap((m) => (m.plane ? [m.plane] : [])));
    let result = compareReadings(input(readings.first), input(readings.second), { plane });
    if (!result.ok && result.error.code === 'INVALID_PLANE')
        result = compareReadings(input(readings.first), input(readings.second));
    cache.set(readings, result);
    return result;
}
