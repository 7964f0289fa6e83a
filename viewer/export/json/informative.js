import { gradeRangeLabel, gradeRuleCode } from '../../../measurement';
/**
 * The derived numbers of one panel row for the file's readers: heights in mm and a grade when calibrated, heights in
 * pixels and no loss or grade when not (as the panel shows them), or why the row has no assessment.
 */
export function informativeOf(row, calibrated) {
    const level = row.assessment;
    if (level === null)
        return { notAssessed: row.error ?? 'not assessable' };
    const { heights, assessment } = level;
    const ratios = {
        wedgeRatio: assessment.wedgeRatio,
        biconcavityRatio: assessment.biconcavityRatio,
        crushRatio: assessment.crushRatio,
        wedgeAngleDeg: level.wedgeAngleDeg,
        referenceLevels: [...level.referenceLevels],
    };
    if (!calibrated) {
        return {
            anteriorHeightPx: heights.anteriorMm,
            middleHeightPx: heights.middleMm,
            posteriorHeightPx: heights.posteriorMm,
            ...ratios,
        };
    }
    return {
        anteriorHeightMm: heights.anteriorMm,
        middleHeightMm: heights.middleMm,
        posteriorHeightMm: heights.posteriorMm,
        ...ratios,
        heightLossPct: assessment.heightLossPct,
        deformity: assessment.deformity,
        genantGrade: assessment.grade,
        genantGradeName: assessment.gradeName,
        expectedAnteriorMm: assessment.expectedAnteriorMm,
        expectedMiddleMm: assessment.expectedMiddleMm,
        expectedPosteriorMm: assessment.expectedPosteriorMm,
        anteriorLossPct: assessment.anteriorLossPct,
        middleLossPct: assessment.middleLossPct,
        posteriorLossPct: assessment.posteriorLossPct,
        gradeRule: gradeRuleCode(assessment.gradeRule),
        heightLossUncertaintyPct: level.uncertainty?.heightLossPct ?? null,
        gradeRange: level.uncertainty === null ? `${assessment.grade}` : gradeRangeLabel(level.uncertainty.gradeRange),
        borderline: level.uncertainty?.borderline ?? false,
    };
}
