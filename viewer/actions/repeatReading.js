import { compareLevels, heightsFromPoints } from '../../measurement';
import { measurementsOfSeries } from '../model/measurements';
import { withDisplayedPlane } from '../model/displayedPlane';
import { measurementFromReportedVertebra } from '../model/reportedVertebra';
import { seriesReadingComparison } from '../model/readingComparison';
import { getState, setState } from '../state/store';
import { findSeries } from '../state/instances';
import { imageIdOf } from '../state/imageReferences';
import { cancelPlacement } from '../cornerstone/toolGroup';
import { download, safeName } from './download';
import { notify } from './notify';
import { readMeasurementFile } from './measurementFile';
/** The measurements without those of one series, and a fresh history: undo never crosses from one reading to the other. */
function withoutSeries(state, seriesKey, add) {
    const byId = Object.fromEntries(Object.entries(state.byId).filter(([, m]) => m.seriesKey !== seriesKey));
    for (const m of add)
        byId[m.id] = m;
    return { byId, undoStack: [], redoStack: [] };
}
/**
 * Starts a blinded repeat reading of the series on screen: its vertebrae are hidden (kept aside, and still autosaved)
 * so that the reader measures the same levels again without seeing the first reading.
 */
export function startRepeatReading() {
    const state = getState();
    const seriesKey = state.plan?.seriesKey ?? null;
    if (seriesKey === null)
        return;
    if (state.repeatReading?.phase === 'blinded')
        return;
    const first = measurementsOfSeries(state.measurements, seriesKey).sort((a, b) => compareLevels(a.level, b.level));
    const lastLevel = first[first.length - 1]?.level;
    if (lastLevel === undefined) {
        notify({ kind: 'error', text: 'Nothing to read again: measure at least one vertebra on this series first.', details: [] });
        return;
    }
    cancelPlacement();
    setState((s) => ({
        measurements: withoutSeries(s.measurements, seriesKey, []),
        repeatReading: { seriesKey, phase: 'blinded', first, second: [], secondLabel: 'blinded repeat' },
        selectedMeasurementId: null,
        nextLevel: lastLevel,
    }));
    notify({
        kind: 'info',
        text: `Blinded repeat reading: the first reading (${first.map((m) => m.level).join(', ')}) is hidden. Measure the same levels again, then press "Finish".`,
        details: [],
    });
}
/** Ends the blinded reading: the first reading comes back, the second is kept aside for the comparison. */
export function finishRepeatReading() {
    const state = getState();
    const repeat = state.repeatReading;
    if (repeat?.phase !== 'blinded')
        return;
    const second = measurementsOfSeries(state.measurements, repeat.seriesKey).sort((a, b) => compareLevels(a.level, b.level));
    if (second.length === 0) {
        notify({ kind: 'error', text: 'The repeat reading is empty: measure at least one of the same levels again, or cancel it.', details: [] });
        return;
    }
    cancelPlacement();
    setState((s) => ({
        measurements: withoutSeries(s.measurements, repeat.seriesKey, repeat.first),
        repeatReading: { ...repeat, phase: 'compared', second },
        selectedMeasurementId: null,
    }));
}
/** Drops the repeat reading (the second reading's points are discarded) and shows the first reading again. */
export function cancelRepeatReading() {
    const repeat = getState().repeatReading;
    if (repeat === null)
        return;
    cancelPlacement();
    setState((s) => ({
        measurements: repeat.phase === 'blinded' ? withoutSeries(s.measurements, repeat.seriesKey, repeat.first) : s.measurements,
        repeatReading: null,
    }));
}
/** The two readings compared as CSV (levels and precision), downloaded. */
export function exportRepeatCsv() {
    const repeat = getState().repeatReading;
    if (repeat?.phase !== 'compared')
        return;
    const comparison = seriesReadingComparison(repeat);
    if (!comparison.ok) {
        notify({ kind: 'error', text: `The readings cannot be compared: ${comparison.error.message}`, details: [] });
        return;
    }
    void import('../export/csv').then(({ writeReadingsCsv }) => {
        download(`repeat-reading-${safeName(repeat.seriesKey)}.csv`, writeReadingsCsv(comparison.value), 'text/csv;charset=utf-8');
        notify({ kind: 'info', text: `Exported the comparison of ${comparison.value.levels.length} level(s) as CSV.`, details: [] });
    });
}
/**
 * Reads another reader's JSON export or measurement SR of the series on screen as the second reading and compares it
 * with the vertebrae measured here (the first reading). Nothing in the viewer's own measurements changes.
 */
export async function importSecondReading(file) {
    const state = getState();
    const seriesKey = state.plan?.seriesKey ?? null;
    const found = seriesKey === null ? null : findSeries(seriesKey);
    if (seriesKey === null || !found)
        return;
    const first = measurementsOfSeries(state.measurements, seriesKey).sort((a, b) => compareLevels(a.level, b.level));
    const seriesUid = found.series.instances[0]?.meta.seriesInstanceUID ?? '';
    const frameUid = found.series.instances[0]?.meta.frameOfReferenceUID ?? '';
    try {
        const read = await readMeasurementFile(file);
        if (read.kind === 'refused')
            throw new Error(read.message);
        let second = [];
        if (read.kind === 'sr') {
            const { readMeasurementReport } = await import('../export/sr');
            const report = readMeasurementReport(read.bytes);
            if (!report.ok)
                throw new Error(report.error.message);
            const sameSeries = report.value.referencedSeriesInstanceUIDs.includes(seriesUid) || (frameUid !== '' && report.value.frameOfReferenceUID === frameUid);
            if (!sameSeries)
                throw new Error('the report was not measured on the series on screen');
            // The second reader's own grades are not part of the comparison: only the level and the points are taken.
            second = report.value.vertebrae.filter((v) => heightsFromPoints(v.points).ok).map((v) => withDisplayedPlane(measurementFromReportedVertebra({ level: v.level, points: v.points }, {
                id: `second-${v.level}`, studyKey: found.study.key, seriesKey, frameOfReferenceUID: frameUid,
                calibrated: first[0]?.calibrated ?? true, imageIdOf: () => null,
            }), found.series));
        }
        else {
            const { readMeasurementsJson } = await import('../export/json');
            const known = [{ studyInstanceUID: found.study.studyInstanceUID, seriesInstanceUID: seriesUid, frameOfReferenceUID: frameUid }];
            const result = readMeasurementsJson(read.text, { knownSeries: known, imageIdOf });
            if (!result.ok)
                throw new Error(result.error.message);
            // As from a report: the points, view and calibration are taken, not the reader's grades or proposal flags.
            second = result.value.measurements.filter((m) => m.seriesInstanceUID === seriesUid).map((m) => withDisplayedPlane({
                id: `second-${m.id}`, studyKey: found.study.key, seriesKey,
                frameOfReferenceUID: m.frameOfReferenceUID, level: m.level, points: m.points, calibrated: m.calibrated,
                viewPlaneNormal: m.viewPlaneNormal, viewUp: m.viewUp, referencedImageId: m.referencedImageId,
            }, found.series));
        }
        if (second.length === 0)
            throw new Error('it holds no vertebra of the series on screen');
        if (first.length === 0)
            throw new Error('no vertebra is measured here to compare it with');
        setState({ repeatReading: { seriesKey, phase: 'compared', first, second, secondLabel: file.name } });
        notify({ kind: 'info', text: `${file.name}: ${second.length} vertebra(e) read as the second reading.`, details: [] });
    }
    catch (error) {
        notify({ kind: 'error', text: `${file.name} was not read as a second reading: ${error instanceof Error ? error.message : String(error)}`, details: [] });
    }
}
