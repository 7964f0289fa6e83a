import { GRADE_COLORS, UNCALIBRATED_COLOR } from './morphometry';
import { needsCheck } from './proposal';
/**
 * Style of one assessed row: colour by Genant grade; pixels and no grade when uncalibrated; no grade for a duplicate.
 * A borderline vertebra (its grade range spans two grades) is drawn dashed in the colour of its higher grade and
 * labelled with the range ("G1–2?").
 */
export function vertebraStyle(row) {
    if (!row.measurement.calibrated)
        return { color: UNCALIBRATED_COLOR, unit: 'px', gradeText: 'uncalibrated' };
    const grade = row.assessment?.assessment.grade;
    const check = needsCheck(row.measurement);
    if (grade === undefined)
        return { color: GRADE_COLORS[0], unit: 'mm', gradeText: '', check };
    const range = row.assessment?.uncertainty?.gradeRange;
    if (range !== undefined && range.min !== range.max) {
        return { color: GRADE_COLORS[range.max], unit: 'mm', gradeText: `G${range.min}–${range.max}?`, borderline: true, check };
    }
    return { color: GRADE_COLORS[grade], unit: 'mm', gradeText: `G${grade}`, check };
}
