import { GRADE_COLORS, UNCALIBRATED_COLOR, type MorphometryRow } from './morphometry';
import { needsCheck } from './proposal';

/** What the app tells the tool about a vertebra it draws: colour by grade, unit, grade text. */
export interface VertebraStyle {
  color: string;
  unit: 'mm' | 'px';
  gradeText: string;
  /** An unreviewed proposal of low confidence: drawn with "check" beside its level. */
  check?: boolean;
}

/** Style of one assessed row: colour by Genant grade; pixels and no grade when uncalibrated; no grade for a duplicate. */
export function vertebraStyle(row: MorphometryRow): VertebraStyle {
  if (!row.measurement.calibrated) return { color: UNCALIBRATED_COLOR, unit: 'px', gradeText: 'uncalibrated' };
  const grade = row.assessment?.assessment.grade;
  const check = needsCheck(row.measurement);
  return grade === undefined
    ? { color: GRADE_COLORS[0], unit: 'mm', gradeText: '', check }
    : { color: GRADE_COLORS[grade], unit: 'mm', gradeText: `G${grade}`, check };
}
