import { compareLevels, type LevelComparison, type PerHeight, type SpinalLevel, type StudyComparison } from '../../../measurement';
import { formatCsv, numberCell, textCell, type CsvCell, type CsvColumn } from './csvTable';
import { isoStudyDate } from './vertebraColumns';

/** The identity of one study of the comparison, as DICOM gives it. */
export interface ComparisonCsvStudy {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  /** DICOM DA (YYYYMMDD), written as YYYY-MM-DD; other text unchanged. */
  readonly studyDate: string;
}

/** What the comparison CSV is written from: the patient, the baseline and follow-up studies, and measurement/'s compareStudies. */
export interface ComparisonCsvInput {
  readonly patientId: string;
  /** The baseline (before) study: compareStudies' first argument. */
  readonly before: ComparisonCsvStudy;
  /** The follow-up (after) study: compareStudies' second argument. */
  readonly after: ComparisonCsvStudy;
  readonly comparison: StudyComparison;
}

/** The note of a level measured in the baseline study only. */
export const ONLY_BASELINE_NOTE = 'measured only at baseline';
/** The note of a level measured in the follow-up study only. */
export const ONLY_FOLLOWUP_NOTE = 'measured only at follow-up';

/** One row: a level measured in both studies (with its comparison), or in one of them only (with a note and no numbers). */
export interface ComparisonCsvRow {
  readonly patientId: string;
  readonly before: ComparisonCsvStudy;
  readonly after: ComparisonCsvStudy;
  readonly level: SpinalLevel;
  /** null for a level measured in one study only. */
  readonly comparison: LevelComparison | null;
  readonly note: string | null;
}

const HEIGHT_KEYS = { anterior: 'anteriorMm', middle: 'middleMm', posterior: 'posteriorMm' } as const;

/** A number of a level measured in both studies; empty otherwise. */
function compared(pick: (c: LevelComparison) => number | null): (row: ComparisonCsvRow) => CsvCell {
  return (row) => numberCell(row.comparison === null ? null : pick(row.comparison));
}

function heightColumns(wall: keyof PerHeight<number>): Array<CsvColumn<ComparisonCsvRow>> {
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
export const COMPARISON_CSV_COLUMNS: ReadonlyArray<CsvColumn<ComparisonCsvRow>> = [
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
export function comparisonCsvRows(input: ComparisonCsvInput): ComparisonCsvRow[] {
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
export function writeComparisonCsv(input: ComparisonCsvInput): string {
  return formatCsv(COMPARISON_CSV_COLUMNS, comparisonCsvRows(input));
}
