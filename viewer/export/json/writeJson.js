import { POINT_LABELS } from '../../../measurement';
import { seriesToExport } from './exportInput';
import { informativeOf } from './informative';
import { isEmptyReading } from '../../model/readerReading';
import { prettyJson } from './prettyJson';
import { MEASUREMENTS_FORMAT, MEASUREMENTS_SCHEMA_VERSION, } from './schema';
const POINT_NAMES = Object.keys(POINT_LABELS);
function vec3Json(v) {
    return [v[0], v[1], v[2]];
}
function pointsJson(points) {
    return Object.fromEntries(POINT_NAMES.map((name) => [name, vec3Json(points[name])]));
}
function vertebraJson(m, series, informative, input) {
    return {
        id: m.id,
        level: m.level,
        points: pointsJson(m.points),
        ...(m.frameOfReferenceUID === series.frameOfReferenceUID ? {} : { frameOfReferenceUID: m.frameOfReferenceUID }),
        ...(m.calibrated === series.calibrated ? {} : { calibrated: m.calibrated }),
        viewPlaneNormal: vec3Json(m.viewPlaneNormal),
        viewUp: vec3Json(m.viewUp),
        referencedImage: m.referencedImageId === null ? null : (input.referencedImageOf?.(m.referencedImageId) ?? null),
        ...(m.confidence === undefined
            ? {}
            : { proposal: { proposed: m.proposed === true, confidence: m.confidence, reasons: (m.reasons ?? []).map((r) => ({ code: r.code, message: r.message })) } }),
        ...(isEmptyReading(m.reading) || m.reading === undefined ? {} : { readerReading: { ...m.reading } }),
        informative,
    };
}
function seriesJson(exported, input) {
    const [firstRow] = exported.rows;
    if (firstRow === undefined)
        throw new TypeError(`series ${exported.series.seriesInstanceUID} has no measurements to export`);
    const series = {
        seriesInstanceUID: exported.series.seriesInstanceUID,
        frameOfReferenceUID: firstRow.measurement.frameOfReferenceUID,
        calibrated: exported.calibrated,
        vertebrae: [],
    };
    series.vertebrae = exported.rows.map((row) => vertebraJson(row.measurement, series, informativeOf(row, exported.calibrated), input));
    return series;
}
/** The document for `input`: only the studies and series with measurements, vertebrae cranial → caudal. */
export function measurementsDocument(input) {
    const studies = [];
    let previousStudy = null;
    let current = null;
    for (const exported of seriesToExport(input)) {
        // seriesToExport keeps each study's series together, in the order of input.studies.
        if (current === null || exported.study !== previousStudy) {
            current = { studyInstanceUID: exported.study.studyInstanceUID, studyDate: exported.study.studyDate, series: [] };
            studies.push(current);
            previousStudy = exported.study;
        }
        current.series.push(seriesJson(exported, input));
    }
    return {
        format: MEASUREMENTS_FORMAT,
        schemaVersion: MEASUREMENTS_SCHEMA_VERSION,
        appVersion: input.appVersion,
        exportedAt: input.exportedAt.toISOString(),
        patient: { id: input.patient.id, name: input.patient.name },
        studies,
    };
}
/**
 * The measurements of one patient's studies as a pretty-printed JSON file (schema in SCHEMA.md). Points are written
 * with every digit, so reading the file back gives the same numbers. Throws a TypeError for a measurement whose study or
 * series is not listed in `input.studies`.
 */
export function writeMeasurementsJson(input) {
    return `${prettyJson(measurementsDocument(input))}\n`;
}
