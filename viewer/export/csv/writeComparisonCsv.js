import { compareLevels } from '../../../measurement';
import { formatCsv, numberCell, textCell } from './csvTable';
import { isoStudyDate } from './vertebraColumns';
/** The note of a level measured in the baseline study only. */
export const ONLY_BASELINE_NOTE = 'measured only at baseline';
/** The note of a level measured in the follow-up study only. */
export const ONLY_FOLLOWUP_NOTE = 'measured only at follow-up';
const HEIGHT_KEYS = { anterior: 'anteriorMm', middle: 'middleMm', posterior: 'posteriorMm' };
/** A number of a level measured in both studies; empty otherwise. */
function compared(pick) {
    return (row) => numberCell(row.comparison === null ? null : pick(row.comparison));
}
function heightColumns(wall) {
    const key = HEIGHT_KEYS[wall];
    return [
        { header: `${wall}_before_mm`, cell: compared((c) => c.before.heights[key]) },
        { header: `${wall}_after_mm`, cell: compared((c) => c.after.heights[key]) },
        { header: `${wall}_gain_mm`, cell: compared((c) => c.gainMm[wall]) },
        { header: `${wall}_restoration_pct`, cell: compared((c) => c.restorationPct[wall]) },
    ];
}
/**
 * The columns of the comparison CSV, in order:
 *
 * | column | content |
 * |---|---|
 * | patient_id | PatientID, as text |
 * | baseline_study_date, followup_study_date | StudyDate as YYYY-MM-DD (DICOM DA reformatted; other text unchanged) |
 * | baseline_/followup_study_instance_uid, …_series_instance_uid | the DICOM UIDs of each study |
 * | level | C2 … S1 |
 * | {anterior,middle,posterior}_before_mm, _after_mm | Ha, Hm, Hp in each study, mm |
 * | {…}_gain_mm | after − before, mm (negative = further loss) |
 * | {…}_restoration_pct | gain / (expected − before) × 100, %; empty when less than 0.5 mm was lost or (posterior) without a reference |
 * | wedge_angle_before_deg, _after_deg, _change_deg | degrees, positive = kyphotic; change = after − before; empty when not measurable |
 * | cobb_angle_before_deg, _after_deg, _change_deg | bisegmental Cobb angle, same conventions; empty without both adjacent levels |
 * | genant_grade_before, genant_grade_after | 0–3 |
 * | note | "measured only at baseline" or "measured only at follow-up" (every number then empty); empty otherwise |
 *
 * Numbers are compareStudies' values unrounded ('.' decimal separator).
 */
export const COMPARISON_CSV_COLUMNS = [
    { header: 'patient_id', cell: (row) => textCell(row.patientId) },
    { header: 'baseline_study_date', cell: (row) => textCell(isoStudyDate(row.before.studyDate)) },
    { header: 'baseline_study_instance_uid', cell: (row) => textCell(row.before.studyInstanceUID) },
    { header: 'baseline_series_instance_uid', cell: (row) => textCell(row.before.seriesInstanceUID) },
    { header: 'followup_study_date', cell: (row) => textCell(isoStudyDate(row.after.studyDate)) },
    { header: 'followup_study_instance_uid', cell: (row) => textCell(row.after.studyInstanceUID) },
    { header: 'followup_series_instance_uid', cell: (row) => textCell(row.after.seriesInstanceUID) },
    { header: 'level', cell: (row) => textCell(row.level) },
    ...heightColumns('anterior'),
    ...heightColumns('middle'),
    ...heightColumns('posterior'),
    { header: 'wedge_angle_before_deg', cell: compared((c) => c.before.wedgeAngleDeg) },
    { header: 'wedge_angle_after_deg', cell: compared((c) => c.after.wedgeAngleDeg) },
    { header: 'wedge_angle_change_deg', cell: compared((c) => c.wedgeAngleChangeDeg) },
    { header: 'cobb_angle_before_deg', cell: compared((c) => c.before.cobbAngleDeg) },
    { header: 'cobb_angle_after_deg', cell: compared((c) => c.after.cobbAngleDeg) },
    { header: 'cobb_angle_change_deg', cell: compared((c) => c.cobbAngleChangeDeg) },
    { header: 'genant_grade_before', cell: compared((c) => c.gradeBefore) },
    { header: 'genant_grade_after', cell: compared((c) => c.gradeAfter) },
    { header: 'note', cell: (row) => textCell(row.note) },
];
/** The rows: first the levels measured in both studies (cranial → caudal), then those measured in one only (cranial → caudal). */
export function comparisonCsvRows(input) {
    const { patientId, before, after, comparison } = input;
    const both = comparison.levels.map((c) => ({ patientId, before, after, level: c.level, comparison: c, note: null }));
    const single = [
        ...comparison.onlyBefore.map((level) => ({ level, note: ONLY_BASELINE_NOTE })),
        ...comparison.onlyAfter.map((level) => ({ level, note: ONLY_FOLLOWUP_NOTE })),
    ]
        .sort((a, b) => compareLevels(a.level, b.level))
        .map(({ level, note }) => ({ patientId, before, after, level, comparison: null, note }));
    return [...both, ...single];
}
/**
 * The before/after comparison as a CSV file for spreadsheets (columns on COMPARISON_CSV_COLUMNS): UTF-8 with BOM,
 * header row, every field quoted, CRLF, formula-guarded text.
 */
export function writeComparisonCsv(input) {
    return formatCsv(COMPARISON_CSV_COLUMNS, comparisonCsvRows(input));
}
