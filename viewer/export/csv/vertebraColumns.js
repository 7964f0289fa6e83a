import { gradeRangeLabel, gradeRuleCode } from '../../../measurement';
import { readerDisagrees } from '../../model/readerReading';
import { numberCell, textCell } from './csvTable';
function gradeRangeOfRow(a) {
    return a.uncertainty?.gradeRange ?? { min: a.assessment.grade, max: a.assessment.grade };
}
/** DICOM DA (YYYYMMDD) as YYYY-MM-DD, which spreadsheets read as a date; anything else unchanged. */
export function isoStudyDate(da) {
    return /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : da;
}
function heightIn(unit, key) {
    return (row) => numberCell(row.assessment !== null && row.calibrated === (unit === 'mm') ? row.assessment.heights[key] : null);
}
/** A graded value: present only for a calibrated row with an assessment. */
function graded(pick) {
    return (row) => (row.calibrated && row.assessment !== null ? pick(row.assessment) : null);
}
/** A value that needs an assessment but no calibration. */
function assessed(pick) {
    return (row) => (row.assessment !== null ? pick(row.assessment) : null);
}
/** The vertebra CSV's columns, in order (documented on VertebraCsvRow). */
export const VERTEBRA_CSV_COLUMNS = [
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
