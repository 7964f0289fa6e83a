import { seriesToExport } from '../json/exportInput';
import { formatCsv } from './csvTable';
import { VERTEBRA_CSV_COLUMNS } from './vertebraColumns';
/** The note of an uncalibrated row that has numbers. */
export const UNCALIBRATED_NOTE = 'uncalibrated image: heights in pixels, no loss or grade';
/**
 * One row per vertebra: the series in the order of `input.studies`, each cranial → caudal, with the numbers of the
 * panel (seriesMorphometry, i.e. measurement/'s assessSpine per series).
 */
export function vertebraCsvRows(input) {
    return seriesToExport(input).flatMap(({ study, series, calibrated, rows }) => rows.map((row) => ({
        patientId: input.patient.id,
        studyDate: study.studyDate,
        studyInstanceUID: study.studyInstanceUID,
        seriesInstanceUID: series.seriesInstanceUID,
        calibrated,
        level: row.measurement.level,
        assessment: row.assessment,
        note: row.assessment === null ? (row.error ?? 'not assessable') : calibrated ? null : UNCALIBRATED_NOTE,
        review: row.measurement.confidence === undefined ? 'manual' : row.measurement.proposed === true ? 'proposed_not_reviewed' : 'proposed_accepted',
        proposalConfidence: row.measurement.confidence ?? null,
        reading: row.measurement.reading ?? null,
    })));
}
/**
 * The measurements as a CSV file for spreadsheets (columns on VertebraCsvRow): UTF-8 with BOM, header row, all fields
 * quoted, CRLF, formula-guarded text. Throws a TypeError for a measurement whose study or series is not listed.
 */
export function writeMeasurementsCsv(input) {
    return formatCsv(VERTEBRA_CSV_COLUMNS, vertebraCsvRows(input));
}
