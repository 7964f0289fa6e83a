import { GRADE_COLORS, UNCALIBRATED_COLOR, type MorphometryRow } from './morphometry';

/** What the app tells the tool about a vertebra it draws: colour by grade, unit, grade text. */
export interface VertebraStyle {
  color: string;
  unit: 'mm' | 'px';
  gradeText: string;
}

/** Style of one assessed row: colour by Genant grade; pixels and no grade when uncalibrated; no grade for a duplicate. */
export function vertebraStyle(row: MorphometryRow): VertebraStyle {
  if (!row.measurement.calibrated) return { color: UNCALIBRATED_COLOR, unit: 'px', gradeText: 'uncalibrated' };
  const grade = row.assessment?.assessment.grade;
  return grade === undefined
    ? { color: GRADE_COLORS[0], unit: 'mm', gradeText: '' }
    : { color: GRADE_COLORS[grade], unit: 'mm', gradeText: `G${grade}` };
}
