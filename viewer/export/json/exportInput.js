import { seriesMorphometry } from '../../model/morphometry';
/**
 * The series that have measurements, in the order of `input.studies` and their series, each with its panel rows.
 * Throws a TypeError for a programmer mistake: a measurement whose study or series is not listed, or a repeated id.
 */
export function seriesToExport(input) {
    const byId = {};
    for (const m of input.measurements) {
        if (byId[m.id])
            throw new TypeError(`seriesToExport: measurement id '${m.id}' is given twice`);
        byId[m.id] = m;
        const study = input.studies.find((s) => s.key === m.studyKey);
        if (!study?.series.some((s) => s.key === m.seriesKey)) {
            throw new TypeError(`seriesToExport: study '${m.studyKey}' / series '${m.seriesKey}' of '${m.id}' is not listed`);
        }
    }
    const state = { byId, undoStack: [], redoStack: [] };
    const seriesKeysInUse = new Set(input.measurements.map((m) => m.seriesKey));
    return input.studies.flatMap((study) => study.series
        .filter((series) => seriesKeysInUse.has(series.key))
        .map((series) => {
        const { rows, calibrated } = seriesMorphometry(state, series.key);
        return { study, series, calibrated, rows };
    }));
}
