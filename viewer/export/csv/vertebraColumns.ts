import type { LevelAssessment, SpinalLevel } from '../../../measurement';
import { gradeRangeLabel, gradeRuleCode } from '../../../measurement';
import { readerDisagrees, type ReaderReading } from '../../model/readerReading';
import { numberCell, textCell, type CsvCell, type CsvColumn } from './csvTable';

function gradeRangeOfRow(a: LevelAssessment): { min: LevelAssessment['assessment']['grade']; max: LevelAssessment['assessment']['grade'] } {
  return a.uncertainty?.gradeRange ?? { min: a.assessment.grade, max: a.assessment.grade };
}

/**
 * The columns of the vertebra CSV, one row per vertebra, cranial → caudal within each series:
 *
 * | column | content |
 * |---|---|
 * | patient_id | PatientID (0010,0020), as text |
 * | study_date | StudyDate as YYYY-MM-DD (DICOM DA reformatted; other text unchanged; empty when absent) |
 * | study_instance_uid, series_instance_uid | the DICOM UIDs; empty when the images had none |
 * | level | C2 … S1 |
 * | anterior_height_mm, middle_height_mm, posterior_height_mm | Ha, Hm, Hp in mm; empty on an uncalibrated image |
 * | anterior_height_px, middle_height_px, posterior_height_px | Ha, Hm, Hp in pixels on an uncalibrated image; empty otherwise |
 * | wedge_ratio, biconcavity_ratio | Ha/Hp, Hm/Hp, unitless (also on an uncalibrated image: a ratio has no unit) |
 * | crush_ratio | Hp over the mean Hp of the reference levels, unitless; empty without a reference level |
 * | height_loss_pct | the largest of wedge, biconcave and crush loss, % (0–100); empty when not graded |
 * | deformity | none, wedge, biconcave or crush; empty when not graded |
 * | genant_grade, genant_grade_name | 0–3 and normal, mild, moderate or severe; empty when not graded |
 * | expected_anterior_mm, expected_middle_mm, expected_posterior_mm | Ha, Hm, Hp expected from the undeformed neighbours, mm; empty without one |
 * | anterior_loss_pct, middle_loss_pct, posterior_loss_pct | each height lost against its expected height, %; empty without a neighbour |
 * | grade_rule | the loss that made the grade: wedge, biconcave, wedge-vs-neighbours, biconcave-vs-neighbours, crush |
 * | height_loss_uncertainty_pct | ± of height_loss_pct from the displayed pixel size and slice spacing, %; empty when unknown |
 * | grade_range | the grades within that uncertainty: "1-2" when borderline, else the grade alone |
 * | borderline | true when grade_range spans two grades |
 * | reader_grade | the reader's own visual Genant grade 0–3; empty when not graded |
 * | reader_endplate_depression | true when the reader marked an endplate depression (ABQ); false otherwise |
 * | reader_note | the reader's free-text note |
 * | reader_disagrees | true when the reader's grade lies outside grade_range |
 * | wedge_angle_deg | degrees, positive = kyphotic, negative = lordotic; empty when not measurable |
 * | reference_levels | the levels whose Hp makes the crush reference, space-separated (e.g. "T11 L2") |
 * | calibrated | true, or false when the image has no patient calibration (heights in pixels, nothing graded) |
 * | note | why numbers are missing (uncalibrated image, level measured twice, not assessable); empty otherwise |
 * | review | manual (placed by hand), proposed_not_reviewed (the image analysis's points, not accepted or edited yet) or proposed_accepted |
 * | proposal_confidence | the image analysis's confidence in its proposal, 0–1; empty on a vertebra placed by hand |
 *
 * Numbers are measurement/'s values unrounded ('.' decimal separator); every number of a row with no assessment is empty.
 * Spreadsheets may read a numeric-looking patient id as a number (dropping leading zeros); import it as text if that
 * matters. Text starting with =, +, -, @ is written with a leading apostrophe (see guardFormula).
 */
export interface VertebraCsvRow {
  readonly patientId: string;
  /** DICOM DA, YYYYMMDD. */
  readonly studyDate: string;
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  /** As the panel shows the series: heights in mm and graded only when true. */
  readonly calibrated: boolean;
  readonly level: SpinalLevel;
  /** measurement/'s assessment of this level; null when the panel has none (the note says why). */
  readonly assessment: LevelAssessment | null;
  readonly note: string | null;
  /** Where the points came from: by hand, or the image analysis's proposal not reviewed yet / accepted. */
  readonly review: 'manual' | 'proposed_not_reviewed' | 'proposed_accepted';
  /** The image analysis's confidence (0–1); null on a vertebra placed by hand. */
  readonly proposalConfidence: number | null;
  /** The reader's own reading; null when none was recorded. */
  readonly reading?: ReaderReading | null | undefined;
}

/** DICOM DA (YYYYMMDD) as YYYY-MM-DD, which spreadsheets read as a date; anything else unchanged. */
export function isoStudyDate(da: string): string {
  return /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : da;
}

type Heights = LevelAssessment['heights'];

function heightIn(unit: 'mm' | 'px', key: keyof Heights): (row: VertebraCsvRow) => CsvCell {
  return (row) => numberCell(row.assessment !== null && row.calibrated === (unit === 'mm') ? row.assessment.heights[key] : null);
}

/** A graded value: present only for a calibrated row with an assessment. */
function graded(pick: (level: LevelAssessment) => CsvCell): (row: VertebraCsvRow) => CsvCell {
  return (row) => (row.calibrated && row.assessment !== null ? pick(row.assessment) : null);
}

/** A value that needs an assessment but no calibration. */
function assessed(pick: (level: LevelAssessment) => CsvCell): (row: VertebraCsvRow) => CsvCell {
  return (row) => (row.assessment !== null ? pick(row.assessment) : null);
}

/** The vertebra CSV's columns, in order (documented on VertebraCsvRow). */
export const VERTEBRA_CSV_COLUMNS: ReadonlyArray<CsvColumn<VertebraCsvRow>> = [
  { header: 'patient_id', cell: (row) => textCell(row.patientId) },
  { header: 'study_date', cell: (row) => textCell(isoStudyDate(row.studyDate)) },
  { header: 'study_instance_uid', cell: (row) => textCell(row.studyInstanceUID) },
  { header: 'series_instance_uid', cell: (row) => textCell(row.seriesInstanceUID) },
  { header: 'level', cell: (row) => textCell(row.level) },
  { header: 'anterior_height_mm', cell: heightIn('mm', 'anteriorMm') },
  { header: 'middle_height_mm', cell: heightIn('mm', 'middleMm') },
  { header: 'posterior_height_mm', cell: heightIn('mm', 'posteriorMm') },
  { header: 'anterior_height_px', cell: heightIn('px', 'anteriorMm') },
  { header: 'middle_height_px', cell: heightIn('px', 'middleMm') },
  { header: 'posterior_height_px', cell: heightIn('px', 'posteriorMm') },
  { header: 'wedge_ratio', cell: assessed((a) => numberCell(a.assessment.wedgeRatio)) },
  { header: 'biconcavity_ratio', cell: assessed((a) => numberCell(a.assessment.biconcavityRatio)) },
  { header: 'crush_ratio', cell: assessed((a) => numberCell(a.assessment.crushRatio)) },
  { header: 'height_loss_pct', cell: graded((a) => numberCell(a.assessment.heightLossPct)) },
  { header: 'deformity', cell: graded((a) => textCell(a.assessment.deformity)) },
  { header: 'genant_grade', cell: graded((a) => numberCell(a.assessment.grade)) },
  { header: 'genant_grade_name', cell: graded((a) => textCell(a.assessment.gradeName)) },
  { header: 'expected_anterior_mm', cell: graded((a) => numberCell(a.assessment.expectedAnteriorMm)) },
  { header: 'expected_middle_mm', cell: graded((a) => numberCell(a.assessment.expectedMiddleMm)) },
  { header: 'expected_posterior_mm', cell: graded((a) => numberCell(a.assessment.expectedPosteriorMm)) },
  { header: 'anterior_loss_pct', cell: graded((a) => numberCell(a.assessment.anteriorLossPct)) },
  { header: 'middle_loss_pct', cell: graded((a) => numberCell(a.assessment.middleLossPct)) },
  { header: 'posterior_loss_pct', cell: graded((a) => numberCell(a.assessment.posteriorLossPct)) },
  { header: 'grade_rule', cell: graded((a) => textCell(gradeRuleCode(a.assessment.gradeRule))) },
  { header: 'height_loss_uncertainty_pct', cell: graded((a) => numberCell(a.uncertainty?.heightLossPct ?? null)) },
  { header: 'grade_range', cell: graded((a) => textCell(gradeRangeLabel(gradeRangeOfRow(a)))) },
  { header: 'borderline', cell: graded((a) => textCell(a.uncertainty?.borderline ? 'true' : 'false')) },
  { header: 'reader_grade', cell: (row) => numberCell(row.reading?.grade ?? null) },
  { header: 'reader_endplate_depression', cell: (row) => textCell(row.reading?.endplateDepression ? 'true' : 'false') },
  { header: 'reader_note', cell: (row) => textCell(row.reading?.note ?? '') },
  {
    header: 'reader_disagrees',
    cell: (row) => textCell(row.calibrated && row.assessment !== null && readerDisagrees(row.reading ?? undefined, gradeRangeOfRow(row.assessment)) ? 'true' : 'false'),
  },
  { header: 'wedge_angle_deg', cell: assessed((a) => numberCell(a.wedgeAngleDeg)) },
  { header: 'reference_levels', cell: assessed((a) => textCell(a.referenceLevels.join(' '))) },
  { header: 'calibrated', cell: (row) => textCell(row.calibrated ? 'true' : 'false') },
  { header: 'note', cell: (row) => textCell(row.note) },
  { header: 'review', cell: (row) => textCell(row.review) },
  { header: 'proposal_confidence', cell: (row) => numberCell(row.proposalConfidence) },
];
