import type { GenantGrade } from '../../measurement';

/**
 * The reader's own reading of one vertebra next to the morphometric grade: a visual Genant semi-quantitative grade
 * (Genant et al., JBMR 1993), whether the endplate is depressed (the algorithm-based qualitative
 * criterion, ABQ: Jiang G et al., Osteoporos Int 2004;15:887–896, which calls a fracture by endplate depression without
 * a height threshold) and a free-text note.
 */
export interface ReaderReading {
  /** The reader's grade 0–3; null when the reader has not graded the level. */
  readonly grade: GenantGrade | null;
  /** True when the reader marks an endplate depression (ABQ). */
  readonly endplateDepression: boolean;
  readonly note: string;
}

export const NO_READING: ReaderReading = { grade: null, endplateDepression: false, note: '' };

/** True when nothing has been recorded (no grade, no depression, no note). */
export function isEmptyReading(reading: ReaderReading | undefined): boolean {
  return reading === undefined || (reading.grade === null && !reading.endplateDepression && reading.note === '');
}

/** True when the reader's grade is set and differs from the morphometric grade (or from its borderline range). */
export function readerDisagrees(reading: ReaderReading | undefined, range: { min: GenantGrade; max: GenantGrade } | null): boolean {
  if (reading === undefined || reading.grade === null || range === null) return false;
  return reading.grade < range.min || reading.grade > range.max;
}

/** A reader reading from untrusted data (a file, the browser store), or null when it is not one. */
export function readReaderReading(raw: unknown): ReaderReading | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const grade = r.grade === undefined ? null : r.grade;
  if (grade !== null && grade !== 0 && grade !== 1 && grade !== 2 && grade !== 3) return null;
  const depression = r.endplateDepression === undefined ? false : r.endplateDepression;
  if (typeof depression !== 'boolean') return null;
  const note = r.note === undefined ? '' : r.note;
  if (typeof note !== 'string') return null;
  return { grade, endplateDepression: depression, note };
}
