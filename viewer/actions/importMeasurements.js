import { heightsFromPoints } from '../../measurement';
import { execute } from '../model/measurements';
import { getState, setState } from '../state/store';
import { notify } from './notify';
import { readMeasurementFile } from './measurementFile';
import { allStudies, seriesByUid } from '../state/studyLookup';
import { imageIdOf } from '../state/imageReferences';
import { imageHolding } from '../model/imageHolding';
import { withDisplayedPlane } from '../model/displayedPlane';
import { measurementFromReportedVertebra } from '../model/reportedVertebra';
/**
 * Adds imported vertebrae as one undoable step. A level already measured on its series is not added twice:
 * it is listed as skipped. Only `rejected` lines count as "not imported"; `notes` (what the file held) are listed
 * after them without being counted.
 */
function addImported(candidates, source, rejected, notes = []) {
    const state = getState();
    const taken = new Set(Object.values(state.measurements.byId).map((m) => `${m.seriesKey}|${m.level}`));
    const accepted = [];
    for (const m of candidates) {
        if (state.measurements.byId[m.id] || taken.has(`${m.seriesKey}|${m.level}`)) {
            rejected.push(`${m.level}: already measured on that series, not imported again`);
            continue;
        }
        taken.add(`${m.seriesKey}|${m.level}`);
        accepted.push(m);
    }
    if (accepted.length > 0)
        setState((s) => ({ measurements: execute(s.measurements, { type: 'addMany', measurements: accepted }) }));
    notify({
        kind: accepted.length > 0 ? 'info' : 'error',
        text: `${source}: imported ${accepted.length} vertebra${accepted.length === 1 ? '' : 'e'}${rejected.length ? `, ${rejected.length} not imported` : ''}.`,
        details: [...rejected, ...notes],
    });
}
async function importJsonText(text, fileName) {
    const { readMeasurementsJson, toVertebraMeasurement } = await import('../export/json');
    const known = allStudies().flatMap((study) => study.series.filter((s) => s.kind === 'image').map((s) => ({ studyInstanceUID: study.studyInstanceUID, seriesInstanceUID: s.instances[0].meta.seriesInstanceUID, frameOfReferenceUID: s.instances[0].meta.frameOfReferenceUID })));
    const result = readMeasurementsJson(text, { knownSeries: known, imageIdOf });
    if (!result.ok) {
        notify({ kind: 'error', text: `${fileName} was not imported: ${result.error.message}`, details: [] });
        return;
    }
    const rejected = result.value.rejected.map((r) => `${r.where}: ${r.reason}`);
    const candidates = [];
    for (const imported of result.value.measurements) {
        const target = seriesByUid(imported.seriesInstanceUID);
        const studyKey = target?.study.key ?? (imported.studyInstanceUID || `imported:${imported.seriesInstanceUID}`);
        const seriesKey = target?.series.key ?? imported.seriesInstanceUID;
        candidates.push(withDisplayedPlane(toVertebraMeasurement(imported, { studyKey, seriesKey }), target?.series ?? null));
    }
    addImported(candidates, fileName, rejected);
}
/**
 * Keeps the measurements of other viewers found in a report for this session (read-only); a report imported again
 * replaces its own. Returns the words for the notice, or [] when there were none.
 */
function keepForeign(report, fileName) {
    if (report.foreignAnnotations.length === 0)
        return [];
    const entries = report.foreignAnnotations.map((annotation, index) => ({
        id: `${report.sopInstanceUID}#${index}`,
        source: fileName,
        reportSopInstanceUID: report.sopInstanceUID,
        referencedSeriesInstanceUIDs: report.referencedSeriesInstanceUIDs,
        annotation,
    }));
    setState((s) => ({ foreignAnnotations: [...s.foreignAnnotations.filter((e) => e.reportSopInstanceUID !== report.sopInstanceUID), ...entries] }));
    const count = entries.length;
    return [`${count} measurement${count === 1 ? '' : 's'} of other software, read-only and not graded: listed under "From other viewers"`];
}
/** Restores the vertebrae of a measurement SR onto the open images it refers to. */
export async function importSrBytes(bytes, fileName) {
    const { readMeasurementReport } = await import('../export/sr');
    const result = readMeasurementReport(bytes);
    if (!result.ok) {
        notify({ kind: 'error', text: `${fileName} was not imported: ${result.error.message}`, details: [] });
        return;
    }
    const report = result.value;
    const foreign = keepForeign(report, fileName);
    const recognised = [...foreign, ...report.recognised.map((r) => `recognised: ${r}`), ...report.ignored.map((r) => `ignored: ${r}`)];
    if (report.vertebrae.length === 0) {
        notify({ kind: 'info', text: `${fileName}: no vertebral heights in this report; the vertebrae were not changed.`, details: recognised });
        return;
    }
    const target = report.referencedSeriesInstanceUIDs.map(seriesByUid).find((t) => t !== null)
        ?? allStudies().flatMap((study) => study.series.filter((s) => s.kind === 'image' && s.instances[0].meta.frameOfReferenceUID === report.frameOfReferenceUID).map((series) => ({ study, series })))[0]
        ?? null;
    if (!target) {
        notify({ kind: 'error', text: `${fileName}: the images this report was measured on are not open; open them (with the report, or first) and import again.`, details: recognised });
        return;
    }
    const calibrated = target.series.instances.every((i) => i.meta.kind !== 'image' || i.meta.calibration === 'calibrated');
    const rejected = [];
    const candidates = report.vertebrae.flatMap((v) => {
        const heights = heightsFromPoints(v.points);
        if (!heights.ok) {
            rejected.push(`${v.level}: ${heights.error.message}`);
            return [];
        }
        const placement = {
            id: `sr-${report.sopInstanceUID}-${v.level}`,
            studyKey: target.study.key,
            seriesKey: target.series.key,
            frameOfReferenceUID: report.frameOfReferenceUID || target.series.instances[0].meta.frameOfReferenceUID,
            calibrated,
            imageIdOf: (points, normal) => target.series.instances.length > 1 ? imageHolding(target.series, points, normal) : target.series.instances[0].imageIds[0] ?? null,
        };
        return [withDisplayedPlane(measurementFromReportedVertebra(v, placement), target.series)];
    });
    addImported(candidates, fileName, rejected, recognised);
}
/** Reads a JSON or DICOM SR measurement file chosen by the user. Nothing changes unless something valid is found. */
export async function importMeasurementsFile(file) {
    try {
        const read = await readMeasurementFile(file);
        if (read.kind === 'refused')
            notify({ kind: 'error', text: `${file.name} was not imported: ${read.message}`, details: [] });
        else if (read.kind === 'sr')
            await importSrBytes(read.bytes, file.name);
        else
            await importJsonText(read.text, file.name);
    }
    catch (error) {
        notify({ kind: 'error', text: `${file.name} could not be imported: ${error instanceof Error ? error.message : String(error)}`, details: [] });
    }
}
